package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a new connection sends first, and how a reconnecting client reads the answer. The first
 * connection sends the opening requests (hello, join); a later one the {@code hello} that takes the
 * nick (or logs in) again and resumes every room from the last seq seen, the current room last. The
 * default room the server puts a new connection in is left again unless it was held; a room that
 * could not be brought up to date gets words that say why. Used on the session's event loop.
 */
final class Resumption {

  /** The id of the ping that opens a UDP session when nothing else is to be sent first. */
  private static final String OPENING_PING = "open";

  /** What the first connection sends first (hello, join), again on each attempt until one is welcomed. */
  private final List<JsonObject> opening = new ArrayList<>();

  /** The token the user logs in with (authentication on), sent again on every reconnection; or null. */
  private volatile String token;
  /** The nick the user took (a guest nick is not taken again). */
  private String chosenNick;
  /** After a reconnect, until its welcome: the rooms being resumed. */
  private Set<String> resuming;
  /** What the last resume asked for, room by room (a seq, or {seq, epoch}). */
  private JsonObject resumedFrom = new JsonObject();

  /** A request for the first connection to send first (a {@code hello}, a {@code join}). */
  void opening(JsonObject request) {
    opening.add(request);
  }

  /** Logs in with {@code token} on the first connection and on every reconnection. */
  void login(String token) {
    this.token = token;
    opening(new JsonObject().put("type", "hello").put("token", token));
  }

  /** A fresh token, for the reconnections to come (the live connection was sent it). */
  void renewed(String token) {
    this.token = token;
  }

  /**
   * Greets a new connection: the first (no welcome yet) with the opening requests, or over UDP a
   * ping when there are none (a UDP session opens with its first datagram); a later one with the
   * resuming {@code hello}, whose {@code recovered} replies {@code repair} is told to expect.
   */
  void greet(ChatConnection live, boolean first, boolean udp, SeqTracker tracker, GapRepair repair, String currentRoom) {
    if (first) {
      opening.forEach(live::send);
      if (opening.isEmpty() && udp) {
        live.send(new JsonObject().put("type", "ping").put("id", OPENING_PING));
      }
      return;
    }
    JsonObject hello = hello(tracker.resume(), currentRoom);
    repair.expectReplies(rooms());
    live.send(hello);
    tracker.resuming(System.currentTimeMillis());
  }

  /** Whether {@code frame} answers the ping that opened a UDP session (not worth a line). */
  static boolean answersOpening(JsonObject frame) {
    return "pong".equals(frame.getString("type")) && OPENING_PING.equals(frame.getValue("id"));
  }

  void nickTaken(String nick) {
    chosenNick = nick;
  }

  /** The rooms the last {@link #hello} resumes, for the line saying so. */
  Set<String> rooms() {
    return resuming == null ? Set.of() : resuming;
  }

  /** The hello for a new connection, resuming {@code rooms} (from {@link SeqTracker#resume()}). */
  private JsonObject hello(JsonObject rooms, String currentRoom) {
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
   * The server placed connection {@code live} in {@code room}: on the first connection that is the
   * user's room (true); on a reconnection it is left again unless the user held it. Ends the resumption.
   */
  boolean placedIn(String room, ChatConnection live) {
    if (resuming == null) {
      return true;
    }
    if (room != null && !resuming.contains(room)) {
      live.send(new JsonObject().put("type", "leave").put("room", room));
    }
    resuming = null;
    return false;
  }

  /**
   * A {@code recovered} that ends a resume which could not be brought up to date: says why (when
   * anything was missed) and takes the frame (true). Others, and the end of a page of scrollback,
   * are shown as they are (false).
   */
  boolean tookNotRecovered(JsonObject recovered, Consumer<String> say) {
    if (Boolean.TRUE.equals(recovered.getValue("recovered")) || recovered.containsKey("more")) {
      return false;
    }
    String why = notRecovered(recovered);
    if (why != null) {
      say.accept(why);
    }
    return true;
  }

  /**
   * Why a room could not be brought up to date, in words that match what happened: the server lost
   * the room's history (it restarted: the epoch resumed from is not the room's any more), or messages
   * were older than what it keeps; null when nothing had been said in the room (nothing is missing).
   */
  private String notRecovered(JsonObject recovered) {
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
    return "* " + room + ": some messages from while you were away are missing (the server no longer has them:"
        + " too old, or lost when it stopped abruptly)";
  }
}
