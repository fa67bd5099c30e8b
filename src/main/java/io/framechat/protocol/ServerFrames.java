package io.framechat.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;

/** The bodies of the frames the server sends, one factory per {@code type}. */
public final class ServerFrames {

  private ServerFrames() {
  }

  /** {@code seq} and {@code epoch}: where the room's stream stood when the client entered it. */
  public static JsonObject welcome(String nick, String room, long seq, String epoch) {
    return type("welcome").put("nick", nick).put("room", room).put("seq", seq).put("epoch", epoch);
  }

  /**
   * The one answer a UDP address that has not validated yet gets: a cookie to echo ({@code "cookie"}
   * in any JSON request, or the line {@code /cookie VALUE}). Short on purpose.
   */
  public static JsonObject cookieWelcome(String cookie) {
    return type("welcome").put("cookie", cookie);
  }

  /**
   * The cookie alone, {@code {"cookie":"..."}} (24 bytes): the answer to a first datagram too short
   * for the {@link #cookieWelcome} within three times its size (8 to 13 bytes).
   */
  public static JsonObject cookieOnly(String cookie) {
    return new JsonObject().put("cookie", cookie);
  }

  /** With authentication on: no room until the client logs in ({@code hello} with a token). */
  public static JsonObject loginWelcome(String nick) {
    return type("welcome").put("nick", nick).putNull("room").put("auth", "jwt");
  }

  public static JsonObject nick(String nick) {
    return type("nick").put("nick", nick);
  }

  /** A room message before the room's sequencer gives it {@code seq} and {@code epoch} ({@link Stamps}). */
  public static JsonObject message(String id, String room, String from, String text, long ts) {
    return type("message").put("id", id).put("room", room).put("from", from).put("text", text).put("ts", ts);
  }

  public static JsonObject whisper(String from, String to, String text, long ts) {
    return type("whisper").put("from", from).put("to", to).put("text", text).put("ts", ts);
  }

  /** {@code event} is {@code join} or {@code leave}. */
  public static JsonObject presence(String room, String nick, String event) {
    return type("presence").put("room", room).put("nick", nick).put("event", event);
  }

  /** A member of {@code room} changed nick from {@code oldNick} to {@code nick}. */
  public static JsonObject renamed(String room, String nick, String oldNick) {
    return presence(room, nick, "nick").put("old", oldNick);
  }

  /** {@code seq} and {@code epoch}: where the room's stream stood when the client entered it. */
  public static JsonObject joined(String room, int members, long seq, String epoch) {
    return type("joined").put("room", room).put("members", members).put("seq", seq).put("epoch", epoch);
  }

  /**
   * What the person has read of a room ({@code read}, 0: nothing) beside the room's {@code latest}
   * seq, added to {@code joined} and {@code recovered} for a logged-in person.
   */
  public static JsonObject withReading(JsonObject frame, long read, long latest) {
    return frame.put("read", read).put("latest", latest);
  }

  /** The person has read {@code room} up to {@code seq} (sent to the person's other sessions). */
  public static JsonObject read(String room, long seq) {
    return type("read").put("room", room).put("seq", seq);
  }

  /** The session's token expires at {@code expiresAt} (epoch ms): send {@code hello} with a fresh one. */
  public static JsonObject tokenExpiring(long expiresAt, String message) {
    return type("notice").put("code", "token_expiring").put("expiresAt", expiresAt).put("message", message);
  }

  /**
   * Ends a replay ({@code history}, or {@code resume} on {@code join}/{@code hello}): {@code recovered}
   * is false when messages after the client's seq are no longer held or the epoch changed.
   */
  public static JsonObject recovered(String room, boolean recovered, long seq, String epoch) {
    return type("recovered").put("room", room).put("recovered", recovered).put("seq", seq).put("epoch", epoch);
  }

  /**
   * The end of a page of scrollback ({@code before}): {@code first} is the oldest seq sent (0 when
   * none), {@code more} whether older messages are kept.
   */
  public static JsonObject recovered(String room, boolean recovered, long seq, String epoch, long first, boolean more) {
    return recovered(room, recovered, seq, epoch).put("first", first).put("more", more);
  }

  public static JsonObject left(String room) {
    return type("left").put("room", room);
  }

  public static JsonObject who(String room, Collection<String> nicks) {
    return who(room, nicks, null);
  }

  /** A page of a room's members; {@code next} (null on the last page) asks for the next one. */
  public static JsonObject who(String room, Collection<String> nicks, String next) {
    JsonObject who = type("who").put("room", room).put("nicks", new JsonArray(nicks.stream().toList()));
    return next == null ? who : who.put("next", next);
  }

  /** {@code rooms}: room name to member count, in the order to list them. */
  public static JsonObject rooms(Map<String, Integer> rooms) {
    return rooms(rooms, null);
  }

  /** A page of the room list; {@code next} (null on the last page) asks for the next one. */
  public static JsonObject rooms(Map<String, Integer> rooms, String next) {
    JsonArray list = new JsonArray();
    rooms.forEach((room, members) -> list.add(new JsonObject().put("room", room).put("members", members)));
    JsonObject frame = type("rooms").put("rooms", list);
    return next == null ? frame : frame.put("next", next);
  }

  public static JsonObject pong(Object id) {
    JsonObject pong = type("pong");
    return id == null ? pong : pong.put("id", id);
  }

  /** The server closes the session; after {@code shutdown} the client may reconnect (to another node, or this one once it is back). */
  public static JsonObject bye(CloseReason reason) {
    JsonObject bye = type("bye").put("reason", reason.wireName());
    return reason == CloseReason.SHUTDOWN ? bye.put("reconnect", true) : bye;
  }

  /** {@code bye} with words for people (an operator's reason); none when {@code message} is empty. */
  public static JsonObject bye(CloseReason reason, String message) {
    JsonObject bye = bye(reason);
    return message == null || message.isEmpty() ? bye : bye.put("message", message);
  }

  /** A keepalive from the server; the client answers {@code {"type":"pong","id":...}}. */
  public static JsonObject ping(Object id) {
    return type("ping").put("id", id);
  }

  public static JsonObject error(ErrorCode code, String message) {
    return type("error").put("code", code.wireName()).put("message", message);
  }

  private static JsonObject type(String type) {
    return new JsonObject().put("type", type);
  }
}
