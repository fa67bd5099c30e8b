package io.framechat.protocol;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeaderByteOrderTest {

  @Test
  @DisplayName("an oversized length that reads small the other way round hints at the byte order; others get no hint")
  void swapped_hint() {
    assertEquals(": did the client mean tcp.byteOrder little? (read little-endian, its header says 5 bytes)",
        HeaderByteOrder.BIG.swappedHint(0x05000000L, 65536));
    assertEquals(": did the client mean tcp.byteOrder big? (read big-endian, its header says 300 bytes)",
        HeaderByteOrder.LITTLE.swappedHint(0x2C010000L, 65536));
    assertEquals("", HeaderByteOrder.BIG.swappedHint(70_000, 65536), "implausible both ways: no hint");
    assertEquals("", HeaderByteOrder.BIG.swappedHint(0xFFFFFFFFL, 65536));
    assertEquals("", HeaderByteOrder.BIG.swappedHint(100, 65536), "not oversized");
  }
}
