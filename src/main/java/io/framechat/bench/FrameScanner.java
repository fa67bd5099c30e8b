package io.framechat.bench;

import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.HeaderByteOrder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * The bench's receive path: finds frames in each incoming chunk in place, without copying them,
 * so that a load generator sharing the machine with the server can read millions of frames a second.
 * Only a frame split across chunks is copied (into a carry buffer). The product's decoder is
 * {@link FrameDecoder}; this one trades its generality for speed and is for counting, not parsing.
 */
final class FrameScanner {

  /** Called with the chunk and the body's position in it; must not keep {@code chunk}. */
  interface FrameHandler {
    void onFrame(ByteBuf chunk, int bodyStart, int bodyLength);
  }

  private final HeaderByteOrder byteOrder;
  private final FrameHandler handler;
  private ByteBuf carry;

  FrameScanner(HeaderByteOrder byteOrder, FrameHandler handler) {
    this.byteOrder = byteOrder;
    this.handler = handler;
  }

  void handle(Buffer buffer) {
    handle(((BufferInternal) buffer).getByteBuf());
  }

  /** Finds the frames in {@code chunk}; does not keep or release it. */
  void handle(ByteBuf chunk) {
    if (carry != null) {
      chunk = completeCarry(chunk);
      if (chunk == null) {
        return;
      }
    }
    int pos = chunk.readerIndex();
    int end = chunk.writerIndex();
    while (end - pos >= FrameDecoder.HEADER_BYTES) {
      int length = length(chunk, pos);
      if (end - pos - FrameDecoder.HEADER_BYTES < length) {
        break;
      }
      handler.onFrame(chunk, pos + FrameDecoder.HEADER_BYTES, length);
      pos += FrameDecoder.HEADER_BYTES + length;
    }
    if (pos < end) {
      carry = Unpooled.buffer(Math.max(256, end - pos));
      carry.writeBytes(chunk, pos, end - pos);
    }
  }

  /** Adds to the split frame from the new chunk; returns the rest of the chunk once it is complete. */
  private ByteBuf completeCarry(ByteBuf chunk) {
    if (carry.readableBytes() < FrameDecoder.HEADER_BYTES) {
      int take = Math.min(FrameDecoder.HEADER_BYTES - carry.readableBytes(), chunk.readableBytes());
      carry.writeBytes(chunk, chunk.readerIndex(), take);
      chunk = chunk.slice(chunk.readerIndex() + take, chunk.readableBytes() - take);
      if (carry.readableBytes() < FrameDecoder.HEADER_BYTES) {
        return null;
      }
    }
    int missing = FrameDecoder.HEADER_BYTES + length(carry, carry.readerIndex()) - carry.readableBytes();
    int take = Math.min(missing, chunk.readableBytes());
    carry.writeBytes(chunk, chunk.readerIndex(), take);
    if (take < missing) {
      return null;
    }
    ByteBuf frame = carry;
    carry = null;
    handler.onFrame(frame, frame.readerIndex() + FrameDecoder.HEADER_BYTES,
        frame.readableBytes() - FrameDecoder.HEADER_BYTES);
    return chunk.slice(chunk.readerIndex() + take, chunk.readableBytes() - take);
  }

  private int length(ByteBuf buf, int at) {
    return byteOrder == HeaderByteOrder.BIG ? buf.getInt(at) : buf.getIntLE(at);
  }
}
