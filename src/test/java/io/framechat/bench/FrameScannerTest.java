package io.framechat.bench;

import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameScannerTest {

  private static Buffer stream(HeaderByteOrder order, int frames) {
    FrameEncoder encoder = new FrameEncoder(order);
    Buffer out = Buffer.buffer();
    for (int i = 0; i < frames; i++) {
      String text = BenchText.make(i % 3, i, 1_000_000L + i, 64);
      encoder.append(out, ServerFrames.message("id-" + i, "bench-x", "guest-" + i, text, 1700000000000L).toBuffer());
    }
    encoder.append(out, ServerFrames.joined("bench-x", 3, 0, "e1").toBuffer());
    return out;
  }

  @Test
  @DisplayName("frames split into two chunks at every offset are all found, and bench texts parse")
  void finds_frames_at_every_split() {
    for (HeaderByteOrder order : HeaderByteOrder.values()) {
      Buffer all = stream(order, 3);
      for (int cut = 0; cut <= all.length(); cut++) {
        List<String> bodies = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        BenchText.Parsed parsed = new BenchText.Parsed();
        FrameScanner scanner = new FrameScanner(order, (chunk, start, length) -> {
          bodies.add(chunk.toString(start, length, StandardCharsets.UTF_8));
          if (BenchText.parse(chunk, start, length, parsed)) {
            seqs.add(parsed.seq);
            assertEquals(1_000_000L + parsed.seq, parsed.sendNanos);
            assertEquals(parsed.seq % 3, parsed.publisher);
          }
        });
        scanner.handle(all.getBuffer(0, cut));
        scanner.handle(all.getBuffer(cut, all.length()));
        assertEquals(4, bodies.size(), "cut at " + cut);
        assertEquals(List.of(0L, 1L, 2L), seqs, "cut at " + cut);
        assertTrue(bodies.get(3).contains("\"joined\""));
      }
    }
  }

  @Test
  @DisplayName("byte by byte, a long stream still yields every frame")
  void finds_frames_byte_by_byte() {
    Buffer all = stream(HeaderByteOrder.BIG, 50);
    int[] count = {0};
    FrameScanner scanner = new FrameScanner(HeaderByteOrder.BIG, (chunk, start, length) -> count[0]++);
    for (int i = 0; i < all.length(); i++) {
      scanner.handle(all.getBuffer(i, i + 1));
    }
    assertEquals(51, count[0]);
  }

  @Test
  @DisplayName("frames that are not bench messages are told apart")
  void non_bench_frames_do_not_parse() {
    Buffer joined = ServerFrames.joined("r", 1, 0, "e1").toBuffer();
    assertFalse(BenchText.parse(joined.getBytes(), 0, joined.length(), new BenchText.Parsed()));
    Buffer other = ServerFrames.message("1", "r", "a", "hello b:1:2:3:", 1).toBuffer();
    assertFalse(BenchText.parse(other.getBytes(), 0, other.length(), new BenchText.Parsed()));
  }
}
