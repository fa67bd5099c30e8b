package io.framechat.protocol;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

/**
 * Splits a TCP byte stream into frame bodies: a 4-byte length header, then that many bytes.
 *
 * <p>Built on {@link RecordParser} in fixed-size mode: 4 bytes for the header, then
 * {@code fixedSizeMode(length)} for the body, then back to 4. The declared length is read as an
 * unsigned integer and checked against the maximum <em>before</em> switching, because
 * {@code fixedSizeMode} would otherwise make the parser buffer a body of any declared size.
 * A zero length is a keepalive: it carries no body and is skipped.
 *
 * <p>Once a header is rejected the decoder stops: it pauses the parser (which would otherwise go on
 * delivering records from the chunk it already holds) and ignores further input.
 */
public final class FrameDecoder implements Handler<Buffer> {

  /** Size of the length header in bytes. */
  public static final int HEADER_BYTES = 4;

  /** What the decoder reports. Calls happen on the thread that calls {@link #handle(Buffer)}. */
  public interface Listener {
    /** A complete frame body (never empty). */
    void onFrame(Buffer body);

    /** A header declared {@code declaredLength} bytes, more than the maximum; no more frames follow. */
    void onOversized(long declaredLength);

    /** A zero-length frame arrived. */
    default void onKeepalive() {
    }
  }

  private RecordParser parser = RecordParser.newFixed(HEADER_BYTES);
  private final HeaderByteOrder byteOrder;
  private final int maxFrameBytes;
  private final Listener listener;
  private int bodyLength = -1;
  private boolean rejected;
  private long fed;
  private long consumed;

  public FrameDecoder(HeaderByteOrder byteOrder, int maxFrameBytes, Listener listener) {
    if (maxFrameBytes <= 0) {
      throw new IllegalArgumentException("maxFrameBytes must be positive");
    }
    this.byteOrder = byteOrder;
    this.maxFrameBytes = maxFrameBytes;
    this.listener = listener;
    parser.handler(this::onRecord);
  }

  @Override
  public void handle(Buffer chunk) {
    if (!rejected) {
      fed += chunk.length();
      parser.handle(chunk);
    }
  }

  /**
   * Bytes received and not yet part of a delivered header or body: never more than
   * {@code maxFrameBytes + 4}; 0 once rejected (what the parser held is dropped).
   */
  public long bufferedBytes() {
    return rejected ? 0 : fed - consumed;
  }

  /** True once an oversized header was seen; the decoder then ignores all input. */
  public boolean rejected() {
    return rejected;
  }

  /** True while the decoder has read a header and waits for the rest of its body. */
  public boolean midFrame() {
    return bodyLength != -1;
  }

  private void onRecord(Buffer record) {
    if (rejected) {
      return;
    }
    consumed += record.length();
    if (bodyLength == -1) {
      long length = byteOrder.readLength(record, 0);
      if (length == 0) {
        listener.onKeepalive();
      } else if (length > maxFrameBytes) {
        rejected = true;
        parser.pause();
        parser = null;
        listener.onOversized(length);
      } else {
        bodyLength = (int) length;
        parser.fixedSizeMode(bodyLength);
      }
    } else {
      bodyLength = -1;
      parser.fixedSizeMode(HEADER_BYTES);
      listener.onFrame(record);
    }
  }
}
