package io.framechat.protocol;

/**
 * Where a client stands in a room's stream: the last {@code seq} it saw and the room's
 * {@code epoch} then ({@code null} when the client does not give it).
 */
public record Resume(long seq, String epoch) {
}
