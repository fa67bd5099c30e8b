package io.framechat.udp;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which bodies share a packed datagram. */
class PackingTest {

  private static FrameBatch bodies(int... lengths) {
    FrameBatch.Builder builder = new FrameBatch.Builder(new FrameEncoder(HeaderByteOrder.BIG), 16);
    for (int length : lengths) {
      builder.add(Buffer.buffer("x".repeat(length)));
    }
    return builder.build();
  }

  @Test
  @DisplayName("bodies fill a datagram up to packBytes, a newline between each")
  void fills_up_to_the_bound() {
    // 100 + 1 + 100 + 1 + 100 = 302 fits 302; the fourth starts the next datagram
    assertArrayEquals(new int[] {0, 3, 5}, Packing.starts(bodies(100, 100, 100, 100, 100), 302));
    assertArrayEquals(new int[] {0, 2, 4, 5}, Packing.starts(bodies(100, 100, 100, 100, 100), 301));
  }

  @Test
  @DisplayName("a body longer than packBytes goes alone; an empty batch makes no datagram")
  void long_body_alone() {
    assertArrayEquals(new int[] {0, 1, 2, 3}, Packing.starts(bodies(10, 2000, 10), 1200));
    assertArrayEquals(new int[] {0}, Packing.starts(bodies(), 1200));
  }

  @Test
  @DisplayName("many small bodies: every one in exactly one datagram, in order")
  void many_bodies() {
    int[] lengths = new int[100];
    java.util.Arrays.fill(lengths, 60);
    int[] starts = Packing.starts(bodies(lengths), 1200);
    // 19 bodies of 60 with 18 newlines = 1158; a 20th would make 1219
    assertEquals(0, starts[0]);
    assertEquals(19, starts[1]);
    assertEquals(100, starts[starts.length - 1]);
    assertEquals(7, starts.length, "6 datagrams: 5 of 19 and one of 5");
    assertEquals(60, bodies(lengths).bodyLength(99));
    assertEquals(60, bodies(lengths).bodyLength(0));
  }
}
