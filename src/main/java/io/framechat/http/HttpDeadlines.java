package io.framechat.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpServerConnection;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time an HTTP connection may take over a request head ({@code limits.handshakeTimeoutSeconds}):
 * once the first byte of a request has arrived, its request line and headers must be complete
 * within that time, or the connection is closed, so a client that drips a header line now and then
 * cannot hold a connection open. Between requests a connection is left to the idle timeout
 * ({@code http.idleTimeoutSeconds}, Vert.x's own). Two handlers around the connection's HTTP
 * decoder: the one before sees a request's bytes begin, the one after sees its head decoded, and
 * its end. A WebSocket upgrade lifts both deadlines ({@link #lift}): the chat keeps it alive.
 */
final class HttpDeadlines {

  private static final String DECODER = "httpDecoder";
  private static final String BEGINS = "framechat-head-begins";
  private static final String DECODED = "framechat-head-decoded";

  private final long timeoutMillis;
  private final Runnable timedOut;
  private ScheduledFuture<?> deadline;
  /** Between a request's head and its end: its body is the application's business. */
  private boolean inRequest;

  private HttpDeadlines(long timeoutMillis, Runnable timedOut) {
    this.timeoutMillis = timeoutMillis;
    this.timedOut = timedOut;
  }

  /**
   * Puts the request-head deadline on a new HTTP/1 connection (called from the server's connection
   * handler); {@code timedOut} hears of each connection it closes.
   */
  static void install(HttpConnection connection, int seconds, Runnable timedOut) {
    ChannelPipeline pipeline = ((HttpServerConnection) connection).channelHandlerContext().pipeline();
    if (pipeline.get(DECODER) == null) {
      return;
    }
    HttpDeadlines deadlines = new HttpDeadlines(TimeUnit.SECONDS.toMillis(seconds), timedOut);
    pipeline.addBefore(DECODER, BEGINS, deadlines.new Begins());
    pipeline.addAfter(DECODER, DECODED, deadlines.new Decoded());
  }

  /** Takes the HTTP timeouts off a connection upgraded to a WebSocket: the head deadline and the idle timeout. */
  static void lift(ChannelPipeline pipeline) {
    for (String name : new String[] {BEGINS, DECODED}) {
      if (pipeline.get(name) != null) {
        pipeline.remove(name);
      }
    }
    IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
    if (idle != null) {
      pipeline.remove(idle);
    }
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  /** Sees the bytes: a request begins with the first of them after the previous request ended. */
  private final class Begins extends ChannelInboundHandlerAdapter {
    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed close shows in the channel's handlers
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!inRequest && deadline == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
        deadline = ctx.executor().schedule(() -> {
          deadline = null;
          timedOut.run();
          ctx.channel().close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Sees what the decoder made of them: a head (the deadline is met), then the request's end. */
  private final class Decoded extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        cancel();
        inRequest = true;
      }
      if (msg instanceof LastHttpContent) {
        inRequest = false;
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      cancel();
      ctx.fireChannelInactive();
    }
  }
}
