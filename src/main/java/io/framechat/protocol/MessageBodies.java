package io.framechat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Encodes room {@code message} bodies straight to bytes, once per message: the same bytes as
 * {@link ServerFrames#message} encoded by Jackson (then {@link Stamps#sequenced}), without building
 * a {@code JsonObject} on the way. Strings that JSON must escape (quotes, backslashes, control
 * characters) or that hold surrogates are left to Jackson.
 */
public final class MessageBodies {

  private MessageBodies() {
  }

  /** {@code {"type":"message","id":..,"room":..,"from":..,"text":..,"ts":..}}. */
  public static Buffer message(String id, String room, String from, String text, long ts) {
    if (!plain(id) || !plain(room) || !plain(from) || !plain(text)) {
      return ServerFrames.message(id, room, from, text, ts).toBuffer();
    }
    ByteBuf out = fields(id, room, from, text, ts, 1);
    out.writeByte('}');
    return BufferInternal.buffer(out);
  }

  /** The same with {@code "seq"} and {@code "epoch"} after {@code "ts"}. The epoch is a plain token. */
  public static Buffer message(String id, String room, String from, String text, long ts, long seq, String epoch) {
    if (!plain(id) || !plain(room) || !plain(from) || !plain(text) || !plain(epoch)) {
      return Stamps.sequenced(ServerFrames.message(id, room, from, text, ts).toBuffer(), seq, epoch);
    }
    ByteBuf out = fields(id, room, from, text, ts, 40 + ByteBufUtil.utf8MaxBytes(epoch));
    ByteBufUtil.writeAscii(out, ",\"seq\":");
    ByteBufUtil.writeAscii(out, Long.toString(seq));
    ByteBufUtil.writeAscii(out, ",\"epoch\":\"");
    ByteBufUtil.writeUtf8(out, epoch);
    ByteBufUtil.writeAscii(out, "\"}");
    return BufferInternal.buffer(out);
  }

  private static ByteBuf fields(String id, String room, String from, String text, long ts, int extra) {
    ByteBuf out = Unpooled.buffer(72 + id.length() + room.length() + from.length()
        + ByteBufUtil.utf8MaxBytes(text) + extra);
    ByteBufUtil.writeAscii(out, "{\"type\":\"message\",\"id\":\"");
    ByteBufUtil.writeUtf8(out, id);
    ByteBufUtil.writeAscii(out, "\",\"room\":\"");
    ByteBufUtil.writeUtf8(out, room);
    ByteBufUtil.writeAscii(out, "\",\"from\":\"");
    ByteBufUtil.writeUtf8(out, from);
    ByteBufUtil.writeAscii(out, "\",\"text\":\"");
    ByteBufUtil.writeUtf8(out, text);
    ByteBufUtil.writeAscii(out, "\",\"ts\":");
    ByteBufUtil.writeAscii(out, Long.toString(ts));
    return out;
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
}
