package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

  private static final int MAX = 1024;

  /** Records what the decoder reports. */
  private static final class Recorder implements FrameDecoder.Listener {
    final List<String> frames = new ArrayList<>();
    final List<Long> oversized = new ArrayList<>();
    int keepalives;

    @Override
    public void onFrame(Buffer body) {
      frames.add(body.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onOversized(long declaredLength) {
      oversized.add(declaredLength);
    }

    @Override
    public void onKeepalive() {
      keepalives++;
    }
  }

  private static Buffer frames(HeaderByteOrder order, String... bodies) {
    FrameEncoder encoder = new FrameEncoder(order);
    Buffer out = Buffer.buffer();
    for (String body : bodies) {
      encoder.append(out, Buffer.buffer(body));
    }
    return out;
  }

  private static Buffer header(HeaderByteOrder order, long length) {
    Buffer header = Buffer.buffer().appendInt(0);
    if (order == HeaderByteOrder.BIG) {
      header.setUnsignedInt(0, length);
    } else {
      header.setUnsignedIntLE(0, length);
    }
    return header;
  }

  @ParameterizedTest
  @EnumSource(HeaderByteOrder.class)
  @DisplayName("two frames split into two chunks at every byte offset decode to the same two bodies")
  void decodes_two_frames_split_at_every_offset(HeaderByteOrder order) {
    Buffer stream = frames(order, "{\"type\":\"say\",\"text\":\"hé\"}", "second");
    for (int cut = 0; cut <= stream.length(); cut++) {
      Recorder recorder = new Recorder();
      FrameDecoder decoder = new FrameDecoder(order, MAX, recorder);
      decoder.handle(stream.getBuffer(0, cut));
      decoder.handle(stream.getBuffer(cut, stream.length()));
      assertEquals(List.of("{\"type\":\"say\",\"text\":\"hé\"}", "second"), recorder.frames, "cut at " + cut);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 7, 13, 64})
  @DisplayName("a stream fed in chunks of every small size decodes every frame in order")
  void decodes_stream_in_fixed_size_chunks(int chunkSize) {
    String[] bodies = {"a", "bb", "hello world", "x".repeat(300), "/join dev", "last"};
    Buffer stream = frames(HeaderByteOrder.BIG, bodies);
    Recorder recorder = new Recorder();
    FrameDecoder decoder = new FrameDecoder(HeaderByteOrder.BIG, MAX, recorder);
    for (int i = 0; i < stream.length(); i += chunkSize) {
      decoder.handle(stream.getBuffer(i, Math.min(stream.length(), i + chunkSize)));
    }
    assertEquals(List.of(bodies), recorder.frames);
    assertFalse(decoder.midFrame());
  }

  @Test
  @DisplayName("a thousand frames glued into one buffer all decode, in order")
  void decodes_many_frames_in_one_buffer() {
    String[] bodies = new String[1000];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = "message " + i;
    }
    Recorder recorder = new Recorder();
    new FrameDecoder(HeaderByteOrder.BIG, MAX, recorder).handle(frames(HeaderByteOrder.BIG, bodies));
    assertEquals(List.of(bodies), recorder.frames);
  }

  @Test
  @DisplayName("random chunkings of a random stream always decode to the same frames (seeded)")
  void decodes_random_chunkings() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bodies.add("m" + i + "-" + "z".repeat(random.nextInt(MAX - 10)));
    }
    Buffer stream = frames(HeaderByteOrder.LITTLE, bodies.toArray(new String[0]));
    for (int round = 0; round < 50; round++) {
      Recorder recorder = new Recorder();
      FrameDecoder decoder = new FrameDecoder(HeaderByteOrder.LITTLE, MAX, recorder);
      int at = 0;
      while (at < stream.length()) {
        int next = Math.min(stream.length(), at + 1 + random.nextInt(2 * MAX));
        decoder.handle(stream.getBuffer(at, next));
        at = next;
      }
      assertEquals(bodies, recorder.frames, "seed " + seed + ", round " + round);
    }
  }

  @Test
  @DisplayName("a body of exactly the maximum size is accepted")
  void accepts_body_of_exactly_max() {
    Recorder recorder = new Recorder();
    new FrameDecoder(HeaderByteOrder.BIG, MAX, recorder).handle(frames(HeaderByteOrder.BIG, "y".repeat(MAX)));
    assertEquals(1, recorder.frames.size());
    assertTrue(recorder.oversized.isEmpty());
  }

  @ParameterizedTest
  @ValueSource(longs = {MAX + 1, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  @DisplayName("a declared length over the maximum (read unsigned) is reported at once and stops the decoder")
  void rejects_oversized_header_before_any_body(long declared) {
    for (HeaderByteOrder order : HeaderByteOrder.values()) {
      Recorder recorder = new Recorder();
      FrameDecoder decoder = new FrameDecoder(order, MAX, recorder);
      Buffer input = frames(order, "ok").appendBuffer(header(order, declared)).appendBuffer(frames(order, "after"));
      decoder.handle(input);
      assertEquals(List.of("ok"), recorder.frames);
      assertEquals(List.of(declared), recorder.oversized);
      assertTrue(decoder.rejected());
      decoder.handle(frames(order, "ignored"));
      assertEquals(List.of("ok"), recorder.frames, "nothing is decoded after a rejected header");
    }
  }

  @Test
  @DisplayName("an oversized header is reported from the header alone, before a body byte arrives")
  void rejects_oversized_header_alone() {
    Recorder recorder = new Recorder();
    FrameDecoder decoder = new FrameDecoder(HeaderByteOrder.BIG, MAX, recorder);
    Buffer header = header(HeaderByteOrder.BIG, 0xFFFFFFFFL);
    decoder.handle(header.getBuffer(0, 3));
    assertTrue(recorder.oversized.isEmpty());
    decoder.handle(header.getBuffer(3, 4));
    assertEquals(List.of(0xFFFFFFFFL), recorder.oversized);
  }

  @Test
  @DisplayName("zero-length frames are keepalives: skipped, and the frames around them decode")
  void skips_zero_length_frames() {
    Recorder recorder = new Recorder();
    FrameDecoder decoder = new FrameDecoder(HeaderByteOrder.BIG, MAX, recorder);
    Buffer input = header(HeaderByteOrder.BIG, 0).appendBuffer(frames(HeaderByteOrder.BIG, "one"))
        .appendBuffer(header(HeaderByteOrder.BIG, 0)).appendBuffer(header(HeaderByteOrder.BIG, 0))
        .appendBuffer(frames(HeaderByteOrder.BIG, "two"));
    for (int i = 0; i < input.length(); i++) {
      decoder.handle(input.getBuffer(i, i + 1));
    }
    assertEquals(List.of("one", "two"), recorder.frames);
    assertEquals(3, recorder.keepalives);
  }

  @Test
  @DisplayName("a truncated body leaves the decoder mid-frame with nothing reported")
  void truncated_body_is_mid_frame() {
    Recorder recorder = new Recorder();
    FrameDecoder decoder = new FrameDecoder(HeaderByteOrder.BIG, MAX, recorder);
    Buffer frame = frames(HeaderByteOrder.BIG, "complete body");
    decoder.handle(frame.getBuffer(0, frame.length() - 1));
    assertTrue(recorder.frames.isEmpty());
    assertTrue(decoder.midFrame());
  }

  @Test
  @DisplayName("little-endian headers are read as little-endian: the same bytes mean another length in big-endian")
  void reads_little_endian_header() {
    Buffer input = Buffer.buffer(new byte[] {3, 0, 0, 0}).appendString("abc");
    Recorder little = new Recorder();
    new FrameDecoder(HeaderByteOrder.LITTLE, MAX, little).handle(input);
    assertEquals(List.of("abc"), little.frames);
    Recorder big = new Recorder();
    new FrameDecoder(HeaderByteOrder.BIG, MAX, big).handle(input);
    assertEquals(List.of(0x03000000L), big.oversized);
  }
}
