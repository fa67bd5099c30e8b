package io.framechat.chat;

/**
 * Where a room's message stream stands: its latest {@code seq} (0 before its first message) and
 * its {@code epoch} (null in a cluster for a room that never had a message).
 */
public record Position(long seq, String epoch) {
}
