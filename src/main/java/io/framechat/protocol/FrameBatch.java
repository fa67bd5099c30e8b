package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;
import java.util.List;

/**
 * One or more complete TCP frames (header and body) in a single buffer, encoded once and then
 * written as is to every TCP recipient. The frame offsets let a transport without headers (UDP)
 * take each body out as a slice, without copying. Immutable once built.
 */
public final class FrameBatch {

  private final Buffer buffer;
  private final int[] offsets;
  private final int count;

  private FrameBatch(Buffer buffer, int[] offsets, int count) {
    this.buffer = buffer;
    this.offsets = offsets;
    this.count = count;
  }

  /** A batch of exactly one already-encoded frame. */
  public static FrameBatch of(Buffer frame) {
    return new FrameBatch(frame, new int[] {0}, 1);
  }

  /** Frames already laid out back to back in {@code buffer}, starting at {@code offsets}. */
  public static FrameBatch of(Buffer buffer, int[] offsets) {
    return new FrameBatch(buffer, offsets, offsets.length);
  }

  /**
   * The frames of {@code batches}, in order, in one new batch (its bytes copied once); a single batch is
   * returned as it is.
   */
  public static FrameBatch concat(List<FrameBatch> batches) {
    if (batches.size() == 1) {
      return batches.get(0);
    }
    int bytes = 0;
    int count = 0;
    for (FrameBatch batch : batches) {
      bytes += batch.buffer.length();
      count += batch.count;
    }
    Buffer buffer = Buffer.buffer(bytes);
    int[] offsets = new int[count];
    int frame = 0;
    for (FrameBatch batch : batches) {
      int base = buffer.length();
      for (int i = 0; i < batch.count; i++) {
        offsets[frame++] = base + batch.offsets[i];
      }
      buffer.appendBuffer(batch.buffer);
    }
    return new FrameBatch(buffer, offsets, count);
  }

  /** Where frame {@code index} (its header) starts in {@link #buffer()}. */
  public int offset(int index) {
    return offsets[index];
  }

  /** All frames, back to back, as written to a TCP socket. */
  public Buffer buffer() {
    return buffer;
  }

  public int count() {
    return count;
  }

  /** The body of frame {@code index}, without its header: a slice sharing this batch's bytes. */
  public Buffer body(int index) {
    int start = bodyStart(index);
    return buffer.slice(start, start + bodyLength(index));
  }

  /** Where the body of frame {@code index} (past its header) starts in {@link #buffer()}. */
  public int bodyStart(int index) {
    return offsets[index] + FrameDecoder.HEADER_BYTES;
  }

  /** The length of the body of frame {@code index}. */
  public int bodyLength(int index) {
    int end = index + 1 < count ? offsets[index + 1] : buffer.length();
    return end - bodyStart(index);
  }

  /** Accumulates frames into one buffer. Not thread-safe; {@link #build()} hands the bytes over. */
  public static final class Builder {
    private final FrameEncoder encoder;
    private final Buffer buffer;
    private int[] offsets = new int[8];
    private int count;

    public Builder(FrameEncoder encoder, int initialBytes) {
      this.encoder = encoder;
      this.buffer = Buffer.buffer(initialBytes);
    }

    public Builder add(Buffer body) {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      offsets[count++] = encoder.append(buffer, body);
      return this;
    }

    public int count() {
      return count;
    }

    public FrameBatch build() {
      return new FrameBatch(buffer, offsets, count);
    }
  }
}
