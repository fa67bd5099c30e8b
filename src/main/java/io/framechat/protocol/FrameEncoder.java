package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The mirror image of {@link FrameDecoder}: writes a 4-byte length placeholder, the UTF-8 body,
 * then sets the header to the body's length in the configured byte order.
 */
public final class FrameEncoder {

  private final HeaderByteOrder byteOrder;

  public FrameEncoder(HeaderByteOrder byteOrder) {
    this.byteOrder = byteOrder;
  }

  public HeaderByteOrder byteOrder() {
    return byteOrder;
  }

  /** One frame holding {@code body}. */
  public Buffer encode(Buffer body) {
    Buffer frame = Buffer.buffer(FrameDecoder.HEADER_BYTES + body.length());
    append(frame, body);
    return frame;
  }

  /** One frame holding the JSON encoding of {@code body}. */
  public Buffer encode(JsonObject body) {
    return encode(body.toBuffer());
  }

  /** One frame holding the UTF-8 encoding of {@code body}. */
  public Buffer encode(String body) {
    return encode(Buffer.buffer(body));
  }

  /** Appends one frame holding {@code body} to {@code target}; returns the frame's start offset. */
  public int append(Buffer target, Buffer body) {
    int start = target.length();
    target.appendInt(0);
    target.appendBuffer(body);
    byteOrder.writeLength(target, start, target.length() - start - FrameDecoder.HEADER_BYTES);
    return start;
  }
}
