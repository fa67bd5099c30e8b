package io.framechat.net;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The rooms as one gateway sees them: which of its own endpoints are members of each. The broadcast
 * verticle says who joins and leaves ({@code Joined}, {@code Left}); the gateway fans each room
 * frame out to the members listed here. Single-threaded: the gateway's event loop.
 */
final class LocalRooms {

  private static final Endpoint[] NONE = new Endpoint[0];

  /** The rooms of each endpoint that holds any, as a small array (most hold one). */
  private final Map<Endpoint, String[]> roomsOf = new HashMap<>();
  private final Map<String, Members> rooms = new HashMap<>();

  /** The room's local members now: an array the caller may iterate while members come and go. */
  Endpoint[] members(String room) {
    Members members = rooms.get(room);
    return members == null ? NONE : members.snapshot();
  }

  void join(Endpoint endpoint, String room) {
    String[] held = roomsOf.get(endpoint);
    if (held != null && indexOf(held, room) >= 0) {
      return;
    }
    if (held == null) {
      roomsOf.put(endpoint, new String[] {room});
    } else {
      String[] more = Arrays.copyOf(held, held.length + 1);
      more[held.length] = room;
      roomsOf.put(endpoint, more);
    }
    rooms.computeIfAbsent(room, r -> new Members()).add(endpoint);
  }

  void leave(Endpoint endpoint, String room) {
    String[] held = roomsOf.get(endpoint);
    int at = held == null ? -1 : indexOf(held, room);
    if (at < 0) {
      return;
    }
    if (held.length == 1) {
      roomsOf.remove(endpoint);
    } else {
      String[] fewer = new String[held.length - 1];
      System.arraycopy(held, 0, fewer, 0, at);
      System.arraycopy(held, at + 1, fewer, at, held.length - at - 1);
      roomsOf.put(endpoint, fewer);
    }
    removeMember(endpoint, room);
  }

  void leaveAll(Endpoint endpoint) {
    String[] held = roomsOf.remove(endpoint);
    if (held != null) {
      for (String room : held) {
        removeMember(endpoint, room);
      }
    }
  }

  private static int indexOf(String[] held, String room) {
    for (int i = 0; i < held.length; i++) {
      if (held[i].equals(room)) {
        return i;
      }
    }
    return -1;
  }

  private void removeMember(Endpoint endpoint, String room) {
    Members members = rooms.get(room);
    if (members != null) {
      members.remove(endpoint);
      if (members.isEmpty()) {
        rooms.remove(room);
      }
    }
  }
}
