package io.framechat.cluster;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * The binary form of what nodes send each other. Every batch and every direct message starts with
 * the wire version ({@link #VERSION}); a batch then holds the sender's node id, its sequence number,
 * its item count and the items, each as its kind, its length and its fields, so a node skips an item
 * of a kind it does not know. Strings are a 2-byte length and UTF-8; frame batches their byte order,
 * offsets and bytes. Readers keep a position in a {@link Cursor}.
 *
 * <p>Each node advertises the versions it reads ({@link #MIN_VERSION} to {@link #VERSION}) as
 * Hazelcast member attributes; a node that cannot read what the others write does not join.
 */
final class Wire {

  /** The version this node writes. */
  static final byte VERSION = 1;
  /** The oldest version this node reads. */
  static final byte MIN_VERSION = 1;
  /** The member attributes that advertise the versions a node reads. */
  static final String MIN_ATTRIBUTE = "framechat.wire.min";
  static final String MAX_ATTRIBUTE = "framechat.wire.max";

  private Wire() {
  }

  /** Whether this node reads messages of wire version {@code version}. */
  static boolean readable(byte version) {
    return version >= MIN_VERSION && version <= VERSION;
  }

  /**
   * Whether this node and a member that reads wire versions {@code min} to {@code max} (the member
   * attributes; null for a release before versions) can talk: each writes its own latest version,
   * which the other must read.
   */
  static boolean canTalk(String min, String max) {
    if (min == null || max == null) {
      return false;
    }
    try {
      int theirMin = Integer.parseInt(min);
      int theirMax = Integer.parseInt(max);
      return theirMin <= VERSION && VERSION <= theirMax && readable((byte) theirMax) && theirMax <= Byte.MAX_VALUE;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A reply to a direct message, its fields to be appended. */
  static Buffer reply() {
    return Buffer.buffer().appendByte(VERSION);
  }

  /** A reply's fields, or null when it is of a wire version this node cannot read. */
  static Buffer replyFields(Buffer reply) {
    return reply.length() > 0 && readable(reply.getByte(0)) ? reply.slice(1, reply.length()) : null;
  }

  /** A direct message of {@code kind}, its fields to be appended. */
  static Buffer direct(byte kind) {
    return Buffer.buffer().appendByte(VERSION).appendByte(kind);
  }

  /** The items of the next batch, each with its length, and the batch they make. */
  static final class BatchWriter {
    private final String node;
    private Buffer items = Buffer.buffer();
    private int count;
    /** Where the length of the item being written goes, or -1. */
    private int lengthAt = -1;

    BatchWriter(String node) {
      this.node = node;
    }

    boolean isEmpty() {
      return count == 0;
    }

    /** Starts an item; its fields are appended to the buffer returned, its length set when the next starts. */
    Buffer item(byte kind) {
      endItem();
      count++;
      items.appendByte(kind);
      lengthAt = items.length();
      return items.appendInt(0);
    }

    /** The batch of the items written, numbered {@code seq}; the writer starts afresh. */
    Buffer take(long seq) {
      endItem();
      Buffer batch = Buffer.buffer(items.length() + 64).appendByte(VERSION);
      writeString(batch, node);
      batch.appendLong(seq).appendInt(count).appendBuffer(items);
      items = Buffer.buffer();
      count = 0;
      return batch;
    }

    private void endItem() {
      if (lengthAt >= 0) {
        items.setInt(lengthAt, items.length() - lengthAt - 4);
        lengthAt = -1;
      }
    }
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

    /** Moves past {@code length} bytes (an item of a kind this node does not know). */
    void skip(int length) {
      pos += length;
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
