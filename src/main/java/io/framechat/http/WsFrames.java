package io.framechat.http;

import io.framechat.protocol.FrameBatch;
import io.vertx.core.buffer.Buffer;

/**
 * The batches being fanned out as WebSocket text frames (RFC 6455, server to client: unmasked, so
 * the same bytes for every member), each encoded once and then written as is to each member, as a
 * TCP batch is. The members of a gateway write what they held at the end of the same turn, so the
 * last few batches encoded are kept ({@value #KEPT}, by identity). One per gateway, on its event loop.
 */
final class WsFrames {

  /** Batches whose encoding is kept: more than one turn of a busy room brings. */
  static final int KEPT = 16;

  /** FIN and opcode 1 (text): each body is one whole message. */
  static final int FIN_TEXT = 0x81;
  private static final int MAX_SHORT = 125;
  private static final int LENGTH_16 = 126;
  private static final int LENGTH_64 = 127;

  private final FrameBatch[] batches = new FrameBatch[KEPT];
  private final Buffer[] wires = new Buffer[KEPT];
  private int next;

  /** {@code frames}' bodies as text frames, back to back. */
  Buffer of(FrameBatch frames) {
    for (int i = 0; i < KEPT; i++) {
      if (batches[i] == frames) {
        return wires[i];
      }
    }
    Buffer wire = encode(frames);
    batches[next] = frames;
    wires[next] = wire;
    next = (next + 1) % KEPT;
    return wire;
  }

  static Buffer encode(FrameBatch frames) {
    Buffer out = Buffer.buffer(frames.buffer().length() + frames.count() * 6);
    for (int i = 0; i < frames.count(); i++) {
      Buffer body = frames.body(i);
      int length = body.length();
      out.appendByte((byte) FIN_TEXT);
      if (length <= MAX_SHORT) {
        out.appendByte((byte) length);
      } else if (length <= 0xFFFF) {
        out.appendByte((byte) LENGTH_16).appendUnsignedShort(length);
      } else {
        out.appendByte((byte) LENGTH_64).appendLong(length);
      }
      out.appendBuffer(body);
    }
    return out;
  }
}
