package io.framechat.cluster;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * The binary form of what nodes send each other: strings as a 2-byte length and UTF-8, frame batches
 * as their offsets and bytes. Readers keep a position in a {@link Cursor}.
 */
final class Wire {

  private Wire() {
  }

  /** A read position in a buffer. */
  static final class Cursor {
    final Buffer buffer;
    int pos;

    Cursor(Buffer buffer) {
      this.buffer = buffer;
    }

    boolean more() {
      return pos < buffer.length();
    }

    byte readByte() {
      return buffer.getByte(pos++);
    }

    int readInt() {
      int value = buffer.getInt(pos);
      pos += 4;
      return value;
    }

    long readLong() {
      long value = buffer.getLong(pos);
      pos += 8;
      return value;
    }

    String readString() {
      int length = buffer.getUnsignedShort(pos);
      String value = buffer.getString(pos + 2, pos + 2 + length, "UTF-8");
      pos += 2 + length;
      return value;
    }

    /** A frame batch, re-framed for {@code local} if it was written with the other byte order. */
    FrameBatch readFrames(HeaderByteOrder local) {
      HeaderByteOrder written = readByte() == 0 ? HeaderByteOrder.BIG : HeaderByteOrder.LITTLE;
      int count = readInt();
      int[] offsets = new int[count];
      for (int i = 0; i < count; i++) {
        offsets[i] = readInt();
      }
      int length = readInt();
      Buffer bytes = buffer.slice(pos, pos + length);
      pos += length;
      if (written == local) {
        return FrameBatch.of(bytes, offsets);
      }
      FrameBatch.Builder reframed = new FrameBatch.Builder(new FrameEncoder(local), length);
      for (int i = 0; i < count; i++) {
        int start = offsets[i] + FrameDecoder.HEADER_BYTES;
        int end = i + 1 < count ? offsets[i + 1] : length;
        reframed.add(bytes.slice(start, end));
      }
      return reframed.build();
    }
  }

  static void writeString(Buffer out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.appendUnsignedShort(bytes.length).appendBytes(bytes);
  }

  static void writeFrames(Buffer out, FrameBatch frames, HeaderByteOrder order) {
    out.appendByte((byte) (order == HeaderByteOrder.BIG ? 0 : 1));
    out.appendInt(frames.count());
    for (int i = 0; i < frames.count(); i++) {
      out.appendInt(frames.offset(i));
    }
    out.appendInt(frames.buffer().length());
    out.appendBuffer(frames.buffer());
  }
}
