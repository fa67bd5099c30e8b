package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * A room message accepted from a client, before its room's sequencer gives it {@code seq} and
 * {@code epoch}: everything the {@code message} frame carries but those.
 *
 * @param id unique per server run (per cluster in a cluster)
 * @param ts when the server accepted it, in epoch milliseconds
 */
public record RoomMessage(String id, String room, String from, String text, long ts) {

  /** The body without seq and epoch (they are spliced in later, {@link Stamps#sequenced}). */
  public Buffer encode() {
    return MessageBodies.message(id, room, from, text, ts);
  }

  /** The body with its {@code seq} and {@code epoch}, encoded once. */
  public Buffer encode(long seq, String epoch) {
    return MessageBodies.message(id, room, from, text, ts, seq, epoch);
  }
}
