package io.framechat.protocol;

/**
 * A UDP datagram as parsed: the request it holds, and the session fields it carries ({@code null}
 * when absent): the {@code cookie} that validates its sender's address, the session id
 * ({@code sid}) its session was given, and whether the session asks for packed datagrams
 * ({@code pack}: several frames to a datagram).
 */
public record Datagram(Parsed parsed, String cookie, String sid, Boolean pack) {

  /** A datagram with no session field but, perhaps, a cookie. */
  public Datagram(Parsed parsed, String cookie) {
    this(parsed, cookie, null, null);
  }
}
