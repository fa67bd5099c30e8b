package io.framechat.bench;

import io.netty.buffer.ByteBuf;

/**
 * The text of a bench message carries its publisher, sequence number and send time:
 * {@code b:PUBLISHER:SEQ:NANOS:} padded with {@code x} to the requested size. Receivers read these
 * straight from the frame bytes, with no JSON decoding.
 */
final class BenchText {

  private static final byte[] MARKER = "\"text\":\"b:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private BenchText() {
  }

  static String make(int publisher, long seq, long sendNanos, int size) {
    StringBuilder text = new StringBuilder(Math.max(size, 48));
    text.append("b:").append(publisher).append(':').append(seq).append(':').append(sendNanos).append(':');
    while (text.length() < size) {
      text.append('x');
    }
    return text.toString();
  }

  /** What a received body says; {@code publisher} is -1 for frames that are not bench messages. */
  static final class Parsed {
    int publisher = -1;
    long seq;
    long sendNanos;
    private int pos;
    /** Room for the start of a body: the text field comes after the short id, room and nick. */
    private final byte[] scratch = new byte[384];
  }

  /** Reads the fields of a {@code message} body at {@code start} in {@code buf}; false if it is not one. */
  static boolean parse(ByteBuf buf, int start, int length, Parsed into) {
    if (buf.hasArray()) {
      return parse(buf.array(), buf.arrayOffset() + start, length, into);
    }
    // a direct buffer: look at (the start of) the body through a reused array
    int look = Math.min(length, into.scratch.length);
    buf.getBytes(start, into.scratch, 0, look);
    if (parse(into.scratch, 0, look, into) || look == length) {
      return into.publisher >= 0;
    }
    byte[] whole = new byte[length];
    buf.getBytes(start, whole);
    return parse(whole, 0, length, into);
  }

  static boolean parse(byte[] bytes, int start, int length, Parsed into) {
    int at = indexOf(bytes, start, start + length);
    if (at < 0) {
      into.publisher = -1;
      return false;
    }
    into.pos = at + MARKER.length;
    into.publisher = (int) number(bytes, into);
    into.seq = number(bytes, into);
    into.sendNanos = number(bytes, into);
    return true;
  }

  /** The decimal number at {@code into.pos}, up to the next ':'; moves past the ':'. */
  private static long number(byte[] bytes, Parsed into) {
    long value = 0;
    int pos = into.pos;
    byte b;
    while ((b = bytes[pos++]) != ':') {
      value = value * 10 + (b - '0');
    }
    into.pos = pos;
    return value;
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    int last = to - MARKER.length;
    byte first = MARKER[0];
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < MARKER.length; j++) {
        if (bytes[i + j] != MARKER[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
