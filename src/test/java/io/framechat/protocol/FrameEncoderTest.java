package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FrameEncoderTest {

  @Test
  @DisplayName("a frame is the 4-byte big-endian body length, then the UTF-8 body")
  void encodes_big_endian_header_then_utf8_body() {
    Buffer frame = new FrameEncoder(HeaderByteOrder.BIG).encode("hé");
    assertArrayEquals(new byte[] {0, 0, 0, 3, 'h', (byte) 0xC3, (byte) 0xA9}, frame.getBytes());
  }

  @Test
  @DisplayName("little-endian mode writes the length least significant byte first")
  void encodes_little_endian_header() {
    Buffer frame = new FrameEncoder(HeaderByteOrder.LITTLE).encode(Buffer.buffer(new byte[300]));
    assertArrayEquals(new byte[] {44, 1, 0, 0}, frame.getBytes(0, 4));
    assertEquals(304, frame.length());
  }

  @Test
  @DisplayName("what the encoder writes, the decoder reads back, in both byte orders")
  void round_trips_through_decoder() {
    for (HeaderByteOrder order : HeaderByteOrder.values()) {
      FrameEncoder encoder = new FrameEncoder(order);
      JsonObject body = ServerFrames.message("id-1", "lobby", "alice", "hi", 1L);
      List<String> decoded = new ArrayList<>();
      new FrameDecoder(order, 1024, new FrameDecoder.Listener() {
        @Override
        public void onFrame(Buffer frame) {
          decoded.add(frame.toString());
        }

        @Override
        public void onOversized(long declaredLength) {
          throw new AssertionError("oversized");
        }
      }).handle(encoder.encode(body).appendBuffer(encoder.encode("second")));
      assertEquals(List.of(body.encode(), "second"), decoded);
    }
  }

  @Test
  @DisplayName("a frame batch holds frames back to back and gives each body back as a slice")
  void frame_batch_slices_bodies() {
    FrameBatch.Builder builder = new FrameBatch.Builder(new FrameEncoder(HeaderByteOrder.BIG), 4);
    for (int i = 0; i < 20; i++) {
      builder.add(Buffer.buffer("body-" + i));
    }
    FrameBatch batch = builder.build();
    assertEquals(20, batch.count());
    for (int i = 0; i < 20; i++) {
      assertEquals("body-" + i, batch.body(i).toString());
      assertEquals(("body-" + i).length(), batch.bodyLength(i));
      assertEquals(batch.offset(i) + 4, batch.bodyStart(i));
    }
    assertEquals(0, batch.buffer().getInt(0) - "body-0".length());
  }

  @Test
  @DisplayName("batches concatenated: every frame of each, in order, bodies and TCP bytes as before; one batch as it is")
  void concat_keeps_frames_in_order() {
    FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);
    FrameBatch first = new FrameBatch.Builder(encoder, 16).add(Buffer.buffer("a")).add(Buffer.buffer("bb")).build();
    FrameBatch second = FrameBatch.of(encoder.encode("ccc"));
    FrameBatch third = new FrameBatch.Builder(encoder, 16).add(Buffer.buffer("")).add(Buffer.buffer("dddd")).build();
    FrameBatch all = FrameBatch.concat(List.of(first, second, third));
    assertEquals(5, all.count());
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < all.count(); i++) {
      bodies.add(all.body(i).toString());
    }
    assertEquals(List.of("a", "bb", "ccc", "", "dddd"), bodies);
    assertEquals(first.buffer().copy().appendBuffer(second.buffer()).appendBuffer(third.buffer()), all.buffer());
    assertSame(second, FrameBatch.concat(List.of(second)));
  }
}
