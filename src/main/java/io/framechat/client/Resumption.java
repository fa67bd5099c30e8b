package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a reconnecting client asks for and how it reads the answer: the {@code hello} that takes the
 * nick (or logs in) again and resumes every room from the last seq seen, the current room last; the
 * default room the server puts a new connection in, left again unless it was held; and, for a room
 * that could not be brought up to date, words that say why. Used on the session's event loop.
 */
final class Resumption {

  /** The token the user logs in with (authentication on), sent again on every reconnection; or null. */
  private volatile String token;
  /** The nick the user took (a guest nick is not taken again). */
  private String chosenNick;
  /** After a reconnect, until its welcome: the rooms being resumed. */
  private Set<String> resuming;
  /** What the last resume asked for, room by room (a seq, or {seq, epoch}). */
  private JsonObject resumedFrom = new JsonObject();

  void token(String token) {
    this.token = token;
  }

  void nickTaken(String nick) {
    chosenNick = nick;
  }

  /** The rooms the last {@link #hello} resumes, for the line saying so. */
  Set<String> rooms() {
    return resuming == null ? Set.of() : resuming;
  }

  /** The hello for a new connection, resuming {@code rooms} (from {@link SeqTracker#resume()}). */
  JsonObject hello(JsonObject rooms, String currentRoom) {
    if (currentRoom != null && rooms.containsKey(currentRoom)) {
      rooms.put(currentRoom, rooms.remove(currentRoom));
    }
    resuming = new LinkedHashSet<>(rooms.fieldNames());
    resumedFrom = rooms.copy();
    JsonObject hello = new JsonObject().put("type", "hello");
    if (token != null) {
      hello.put("token", token);
    } else if (chosenNick != null) {
      hello.put("nick", chosenNick);
    }
    return hello.put("resume", rooms);
  }

  /**
   * The server placed a new connection in {@code room}: true when that room is to be left again
   * (a reconnection to a room the user had left). Ends the resumption.
   */
  boolean leavePlaced(String room) {
    if (resuming == null) {
      return false;
    }
    boolean leave = room != null && !resuming.contains(room);
    resuming = null;
    return leave;
  }

  /** Whether a welcome is a reconnection's (and not the first connection's). */
  boolean resumingNow() {
    return resuming != null;
  }

  /**
   * Why a room could not be brought up to date, in words that match what happened: the server lost
   * the room's history (it restarted: the epoch resumed from is not the room's any more), or messages
   * were older than what it keeps; null when nothing had been said in the room (nothing is missing).
   */
  String notRecovered(JsonObject recovered) {
    String room = recovered.getString("room");
    Object from = resumedFrom.getValue(room);
    String epoch = from instanceof JsonObject point ? point.getString("epoch") : null;
    long seq = from instanceof JsonObject point ? point.getLong("seq", 0L) : from instanceof Number n ? n.longValue() : -1;
    if (seq == 0) {
      return null; // resumed from before anything was said there: nothing is missing
    }
    if (epoch != null && !epoch.equals(recovered.getString("epoch"))) {
      return "* " + room + ": the server restarted and its history of the room is gone;"
          + " what was said before the restart cannot be shown";
    }
    return "* " + room + ": some messages were too old to be recovered (the server no longer keeps them)";
  }
}
