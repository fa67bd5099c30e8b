package io.framechat.bench;

import io.vertx.core.buffer.Buffer;

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
  }

  /** Reads the fields from a {@code message} frame body into {@code into}; false if it is not one. */
  static boolean parse(Buffer body, Parsed into) {
    int at = indexOf(body, MARKER);
    if (at < 0) {
      into.publisher = -1;
      return false;
    }
    into.pos = at + MARKER.length;
    into.publisher = (int) number(body, into);
    into.seq = number(body, into);
    into.sendNanos = number(body, into);
    return true;
  }

  /** The decimal number at {@code into.pos}, up to the next ':'; moves past the ':'. */
  private static long number(Buffer body, Parsed into) {
    long value = 0;
    byte b;
    while ((b = body.getByte(into.pos++)) != ':') {
      value = value * 10 + (b - '0');
    }
    return value;
  }

  private static int indexOf(Buffer body, byte[] marker) {
    int last = body.length() - marker.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (body.getByte(i + j) != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
