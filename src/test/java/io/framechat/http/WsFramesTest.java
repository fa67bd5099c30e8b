package io.framechat.http;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsFramesTest {

  @Test
  @DisplayName("each body becomes one unmasked text frame, at every length encoding (7, 16 and 64 bits), read back by Netty's decoder")
  void netty_reads_them_back() {
    List<String> bodies = List.of("a", "x".repeat(125), "y".repeat(126), "é".repeat(30_000), "z".repeat(65_535),
        "w".repeat(65_536), "{\"type\":\"message\",\"text\":\"hé\"}");
    FrameBatch.Builder batch = new FrameBatch.Builder(new FrameEncoder(HeaderByteOrder.BIG), 1024);
    bodies.forEach(body -> batch.add(Buffer.buffer(body)));
    Buffer wire = WsFrames.encode(batch.build());

    EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
    // in pieces, as the network gives them
    for (int at = 0; at < wire.length(); at += 7_001) {
      client.writeInbound(Unpooled.wrappedBuffer(wire.getBytes(at, Math.min(wire.length(), at + 7_001))));
    }
    for (String body : bodies) {
      TextWebSocketFrame frame = client.readInbound();
      assertTrue(frame.isFinalFragment());
      assertEquals(body, frame.content().toString(StandardCharsets.UTF_8));
      frame.release();
    }
    assertNull(client.readInbound());
  }

  @Test
  @DisplayName("a batch is encoded once: the next member gets the same bytes")
  void once_per_batch() {
    WsFrames frames = new WsFrames();
    FrameBatch batch = FrameBatch.of(new FrameEncoder(HeaderByteOrder.BIG).encode("hi"));
    Buffer first = frames.of(batch);
    assertSame(first, frames.of(batch));
    assertEquals(WsFrames.FIN_TEXT, first.getUnsignedByte(0));
    assertEquals(2, first.getUnsignedByte(1));
    assertEquals("hi", first.getString(2, 4));
  }
}
