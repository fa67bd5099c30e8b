package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes room {@code message} bodies straight to bytes, once per message: the same bytes as
 * {@link ServerFrames#message} encoded by Jackson (then {@link Stamps#sequenced}), without building
 * a {@code JsonObject} on the way, into a buffer of exactly the body's size. Strings that JSON must
 * escape (quotes, backslashes, control characters) or that hold surrogates are left to Jackson.
 */
final class MessageBodies {

  private static final byte[] TYPE_AND_ID = ascii("{\"type\":\"message\",\"id\":\"");
  private static final byte[] ROOM = ascii("\",\"room\":\"");
  private static final byte[] FROM = ascii("\",\"from\":\"");
  private static final byte[] TEXT = ascii("\",\"text\":\"");
  private static final byte[] TS = ascii("\",\"ts\":");
  private static final byte[] SEQ = ascii(",\"seq\":");
  private static final byte[] EPOCH = ascii(",\"epoch\":\"");

  private MessageBodies() {
  }

  /** {@code {"type":"message","id":..,"room":..,"from":..,"text":..,"ts":..}}. */
  static Buffer message(String id, String room, String from, String text, long ts) {
    if (!plain(id) || !plain(room) || !plain(from) || !plain(text)) {
      return ServerFrames.message(id, room, from, text, ts).toBuffer();
    }
    return encode(id, room, from, text, ts, null, null);
  }

  /** The same with {@code "seq"} and {@code "epoch"} after {@code "ts"}. */
  static Buffer message(String id, String room, String from, String text, long ts, long seq, String epoch) {
    if (!plain(id) || !plain(room) || !plain(from) || !plain(text) || !plain(epoch)) {
      return Stamps.sequenced(ServerFrames.message(id, room, from, text, ts).toBuffer(), seq, epoch);
    }
    return encode(id, room, from, text, ts, Long.toString(seq), epoch);
  }

  private static Buffer encode(String id, String room, String from, String text, long ts, String seq, String epoch) {
    byte[] idBytes = utf8(id);
    byte[] roomBytes = utf8(room);
    byte[] fromBytes = utf8(from);
    byte[] textBytes = utf8(text);
    byte[] tsBytes = ascii(Long.toString(ts));
    int size = TYPE_AND_ID.length + idBytes.length + ROOM.length + roomBytes.length + FROM.length
        + fromBytes.length + TEXT.length + textBytes.length + TS.length + tsBytes.length + 1;
    byte[] epochBytes = null;
    if (seq != null) {
      epochBytes = utf8(epoch);
      size += SEQ.length + seq.length() + EPOCH.length + epochBytes.length + 1;
    }
    Buffer out = Buffer.buffer(size)
        .appendBytes(TYPE_AND_ID).appendBytes(idBytes)
        .appendBytes(ROOM).appendBytes(roomBytes)
        .appendBytes(FROM).appendBytes(fromBytes)
        .appendBytes(TEXT).appendBytes(textBytes)
        .appendBytes(TS).appendBytes(tsBytes);
    if (seq != null) {
      out.appendBytes(SEQ).appendBytes(ascii(seq)).appendBytes(EPOCH).appendBytes(epochBytes).appendByte((byte) '"');
    }
    return out.appendByte((byte) '}');
  }

  /** Whether JSON takes {@code s} as it is: no quote, backslash, control character or surrogate. */
  static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
