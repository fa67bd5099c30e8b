package io.framechat.chat;

import io.framechat.protocol.RoomMessage;
import io.vertx.core.buffer.Buffer;

/**
 * A numbered room message as a store keeps it: which room, under which epoch and seq, and what the
 * message frame carries. Whispers are never stored.
 *
 * @param ts when the server accepted it, in epoch milliseconds
 */
public record StoredMessage(String room, String epoch, long seq, String id, String from, String text, long ts) {

  /** A message as numbered. */
  public static StoredMessage of(RoomMessage message, String epoch, long seq) {
    return new StoredMessage(message.room(), epoch, seq, message.id(), message.from(), message.text(), message.ts());
  }

  /** The {@code message} frame's body, with its seq and epoch, as its room's members got it. */
  public Buffer body() {
    return new RoomMessage(id, room, from, text, ts).encode(seq, epoch);
  }
}
