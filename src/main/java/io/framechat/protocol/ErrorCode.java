package io.framechat.protocol;

/**
 * Every error code the server sends in an {@code error} frame. The wire names are stable; clients
 * match on them. {@link #closes()} records whether the server closes the connection after sending it.
 */
public enum ErrorCode {
  /** A TCP header declared more than {@code tcp.maxFrameBytes}. */
  FRAME_TOO_LARGE("frame_too_large", true),
  /** A TCP frame begun was not complete within {@code tcp.frameTimeoutSeconds}. */
  FRAME_TIMEOUT("frame_timeout", true),
  /** A UDP datagram was longer than {@code udp.maxDatagramBytes}. */
  DATAGRAM_TOO_LARGE("datagram_too_large", false),
  /** The body is not valid UTF-8. */
  BAD_UTF8("bad_utf8", false),
  /** The body starts with '{' or '[' but is not one JSON object. */
  BAD_JSON("bad_json", false),
  /** A JSON body with a {@code type} the server does not know. */
  UNKNOWN_TYPE("unknown_type", false),
  /** A plain-text {@code /word} the server does not know. */
  UNKNOWN_COMMAND("unknown_command", false),
  /** A missing or wrong field, or a value outside the limits (nick, room, text). */
  BAD_REQUEST("bad_request", false),
  /** The nick belongs to someone else. */
  NICK_TAKEN("nick_taken", false),
  /** A whisper to a nick nobody has. */
  NO_SUCH_NICK("no_such_nick", false),
  /** Saying to, or leaving, a room the client is not in. */
  NOT_IN_ROOM("not_in_room", false),
  /** Joining more rooms than {@code chat.maxRoomsPerClient}. */
  TOO_MANY_ROOMS("too_many_rooms", false),
  /** The client sends faster than its allowance. */
  RATE_LIMITED("rate_limited", false),
  /** The client does not read fast enough: its unsent bytes passed {@code tcp.sendQueueBytes}. */
  SLOW_CONSUMER("slow_consumer", true),
  /** A request needed the cluster, which did not answer in time: try again. */
  UNAVAILABLE("unavailable", false),
  /** The server or the client's address is at its connection limit. */
  TOO_MANY_CONNECTIONS("too_many_connections", true),
  /** With authentication on: the request needs a {@code hello} with a token first. */
  AUTH_REQUIRED("auth_required", false),
  /** The token was refused (bad signature, wrong issuer or audience, expired, not yet valid, malformed). */
  AUTH_FAILED("auth_failed", true),
  /** The token does not allow this (a room to join, read or say in; a nick change). */
  FORBIDDEN("forbidden", false),
  /** The token expired: send {@code hello} with a fresh one within {@code auth.refreshGraceSeconds}. */
  TOKEN_EXPIRED("token_expired", false),
  /** The server is draining: it takes no more messages; {@code bye} with {@code reconnect} follows. */
  SHUTTING_DOWN("shutting_down", false),
  /** An operator banned the client's address or nick; the message says until when and why. */
  BANNED("banned", true),
  /** The room's messages are numbered more slowly than they come (its sequencer, in a cluster, is behind): try again. */
  BUSY("busy", false),
  /** A {@code history} request reaching past what memory holds while the store cannot be read: try again. */
  STORE_UNAVAILABLE("store_unavailable", false),
  /** A login for a person who already has {@code auth.maxSessionsPerPerson} sessions: nobody is closed. */
  TOO_MANY_SESSIONS("too_many_sessions", false);

  private final String wireName;
  private final boolean closes;

  ErrorCode(String wireName, boolean closes) {
    this.wireName = wireName;
    this.closes = closes;
  }

  /** The code as sent on the wire. */
  public String wireName() {
    return wireName;
  }

  /** Whether the server closes the connection after sending this error. */
  public boolean closes() {
    return closes;
  }
}
