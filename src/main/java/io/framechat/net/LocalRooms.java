package io.framechat.net;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rooms as one gateway sees them: which of its own endpoints are members of each. The broadcast
 * verticle says who joins and leaves ({@code Joined}, {@code Left}); the gateway fans each room
 * frame out to the members listed here. Single-threaded: the gateway's event loop.
 */
final class LocalRooms {

  private static final Endpoint[] NONE = new Endpoint[0];

  private final Map<Endpoint, Set<String>> roomsOf = new HashMap<>();
  private final Map<String, Members> rooms = new HashMap<>();

  /** The room's local members now: an array the caller may iterate while members come and go. */
  Endpoint[] members(String room) {
    Members members = rooms.get(room);
    return members == null ? NONE : members.snapshot();
  }

  void join(Endpoint endpoint, String room) {
    if (roomsOf.computeIfAbsent(endpoint, e -> new HashSet<>()).add(room)) {
      rooms.computeIfAbsent(room, r -> new Members()).add(endpoint);
    }
  }

  void leave(Endpoint endpoint, String room) {
    Set<String> held = roomsOf.get(endpoint);
    if (held != null && held.remove(room)) {
      removeMember(endpoint, room);
    }
  }

  void leaveAll(Endpoint endpoint) {
    Set<String> held = roomsOf.remove(endpoint);
    if (held != null) {
      for (String room : held) {
        removeMember(endpoint, room);
      }
    }
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
