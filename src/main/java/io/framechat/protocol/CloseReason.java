package io.framechat.protocol;

/**
 * Why a client's session ends. Those the server decides travel in its {@code bye} frame or the last
 * {@code error}; all of them reach the chat (presence, logs) with the disconnect.
 */
public enum CloseReason {
  /** The client asked ({@code quit}, {@code /quit}, {@code Q}). */
  QUIT("quit"),
  /** The server is stopping; {@code bye} says the client may reconnect. */
  SHUTDOWN("shutdown"),
  /** Silent past the idle timeout (TCP) or session expiry (UDP). */
  IDLE("idle"),
  /** Past the flood allowance too often. */
  FLOODING("flooding"),
  /** Not reading: its unsent data stayed over the bound. */
  SLOW_CONSUMER("slow_consumer"),
  /** A frame header declared more than the maximum. */
  FRAME_TOO_LARGE("frame_too_large"),
  /** A frame begun was not finished in time. */
  FRAME_TIMEOUT("frame_timeout"),
  /** A connection limit was reached. */
  TOO_MANY_CONNECTIONS("too_many_connections"),
  /** The client closed the connection between frames. */
  CLOSED("closed"),
  /** The client closed the connection in the middle of a frame. */
  VANISHED("vanished"),
  /** The connection failed (reset, I/O error). */
  ERROR("error"),
  /** The token in {@code hello} was refused. */
  AUTH_FAILED("auth_failed"),
  /** No valid token within {@code auth.timeoutSeconds}. */
  AUTH_TIMEOUT("auth_timeout"),
  /** The token expired and no fresh one came within {@code auth.refreshGraceSeconds}. */
  TOKEN_EXPIRED("token_expired"),
  /** The same identity logged in again, on another connection. */
  REPLACED("replaced"),
  /** An operator disconnected the client ({@code bye} may carry their message). */
  DISCONNECTED("disconnected"),
  /** The client's address or nick is banned. */
  BANNED("banned");

  private final String wireName;

  CloseReason(String wireName) {
    this.wireName = wireName;
  }

  /** The reason as sent in {@code bye} and written in logs. */
  public String wireName() {
    return wireName;
  }

  /** The reason of that wire name, or null when there is none (one a newer server knows, say). */
  public static CloseReason fromWireName(String name) {
    for (CloseReason reason : values()) {
      if (reason.wireName.equals(name)) {
        return reason;
      }
    }
    return null;
  }

  /** The reason for closing after an error whose code {@link ErrorCode#closes() closes} the connection. */
  public static CloseReason after(ErrorCode code) {
    return switch (code) {
      case FRAME_TOO_LARGE -> FRAME_TOO_LARGE;
      case FRAME_TIMEOUT -> FRAME_TIMEOUT;
      case SLOW_CONSUMER -> SLOW_CONSUMER;
      case TOO_MANY_CONNECTIONS -> TOO_MANY_CONNECTIONS;
      case AUTH_FAILED -> AUTH_FAILED;
      case BANNED -> BANNED;
      default -> throw new IllegalArgumentException(code + " does not close the connection");
    };
  }
}
