package io.framechat.protocol;

/**
 * A UDP datagram as parsed: the request it holds, and the session fields it carries ({@code null}
 * when absent): the {@code cookie} that validates its sender's address, and the session id
 * ({@code sid}) its session was given.
 */
public record Datagram(Parsed parsed, String cookie, String sid) {
}
