package io.framechat.tcp;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer over a socket, and over a channel that closes: Netty drops a closing channel's outbound buffer at once and
 * tells Vert.x later, and meanwhile the channel is not writable. The writer must say closed, and hold
 * no unsent bytes, rather than fail on the missing buffer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class TcpWriterTest {

  @Test
  @DisplayName("a socket's writer gives it Vert.x's direct write queue; Vert.x's own write and close still work over it")
  void direct_queue(Vertx vertx) throws Exception {
    CompletableFuture<String> queue = new CompletableFuture<>();
    NetServer server = vertx.createNetServer().connectHandler(socket -> {
      new TcpWriter(socket);
      try {
        Field field = Class.forName("io.vertx.core.net.impl.VertxConnection").getDeclaredField("outboundMessageQueue");
        field.setAccessible(true);
        queue.complete(field.get(socket).getClass().getSimpleName());
      } catch (ReflectiveOperationException e) {
        queue.completeExceptionally(e);
      }
      // the refusal path writes and closes through Vert.x; here once the client has its handlers (it speaks first)
      socket.handler(first -> {
        socket.write("bye");
        socket.close();
      });
    });
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    Buffer received = Buffer.buffer();
    CompletableFuture<String> closed = new CompletableFuture<>();
    // the handlers are set before the client speaks, so the answer and the close cannot come before them
    vertx.createNetClient().connect(port, "127.0.0.1")
        .onSuccess(client -> client.handler(received::appendBuffer).closeHandler(v -> closed.complete(received.toString()))
            .write("hi"))
        .await();
    assertEquals("DirectOutboundMessageQueue", queue.get(10, TimeUnit.SECONDS));
    assertEquals("bye", closed.get(10, TimeUnit.SECONDS));
  }

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
