package io.framechat.tcp;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer over a channel that closes: Netty drops a closing channel's outbound buffer at once and
 * tells Vert.x later, and meanwhile the channel is not writable. The writer must say closed, and hold
 * no unsent bytes, rather than fail on the missing buffer.
 */
class TcpWriterTest {

  @Test
  @DisplayName("a closed channel is closed (not slow), not writable, and has no unsent bytes")
  void closed_channel() {
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    TcpWriter writer = new TcpWriter(channel.pipeline().firstContext());
    assertFalse(writer.closed());
    assertTrue(writer.writable());
    writer.write(Buffer.buffer("held"));
    assertTrue(writer.unsent() >= 4, "written, not flushed: " + writer.unsent());
    assertTrue(channel.close().isDone());
    assertTrue(writer.closed());
    assertFalse(writer.writable());
    assertEquals(0, writer.unsent(), "no outbound buffer: nothing unsent (and no exception)");
  }
}
