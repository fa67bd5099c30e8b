package io.framechat.tcp;

import io.framechat.net.AcceptGuard;
import io.framechat.net.ConnectionLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Writes to one TCP connection's Netty channel, beneath Vert.x's {@code NetSocket} (one of the few
 * classes that reach beneath Vert.x, listed in docs/ARCHITECTURE.md), for four reasons:
 * <ul>
 *   <li>{@code NetSocket.write} flushes at every call made outside the socket's own read handler, so
 *   a fan-out would cost one system call per frame; writing to the channel's handler context and
 *   flushing once per event-loop turn costs one per socket;</li>
 *   <li>the channel's outbound buffer tells how many bytes the client has left unread, which is how
 *   a slow consumer is measured ({@code writeQueueFull()} only says above or below the mark);</li>
 *   <li>closing from the handler context cuts the connection at once, where {@code NetSocket.close}
 *   first waits for unsent data to be sent (a client that does not read would hold it open);</li>
 *   <li>a graceful close shuts the output down only: a full close while the client is still sending
 *   would make the kernel answer its next bytes with a reset, and a reset makes the client's kernel
 *   drop what it had received and not yet read, the last frames included.</li>
 * </ul>
 * The buffers written are shared by every member of a room: Netty only reads them.
 */
final class TcpWriter {

  private final ChannelHandlerContext context;

  TcpWriter(NetSocket socket) {
    this(((NetSocketInternal) socket).channelHandlerContext());
  }

  /** Over a channel's handler context (a test's, say). */
  TcpWriter(ChannelHandlerContext context) {
    this.context = context;
  }

  /** The connection's place under the connection limits, taken when its socket was accepted. */
  static ConnectionLimits.Slot slot(NetSocket socket) {
    return ((NetSocketInternal) socket).channelHandlerContext().channel().attr(AcceptGuard.SLOT).get();
  }

  /** False while the unsent bytes are over the socket's write-queue bound (Netty's high water mark), and once closed. */
  boolean writable() {
    return context.channel().isWritable();
  }

  /**
   * Whether the channel is closed (or closing). Netty drops a closing channel's outbound buffer at
   * once and tells Vert.x in a later task: meanwhile the channel is not writable, yet its client is
   * gone, not slow.
   */
  boolean closed() {
    return !context.channel().isActive();
  }

  /** Bytes written and not yet taken by the kernel; 0 once the channel has no outbound buffer (closed). */
  long unsent() {
    ChannelOutboundBuffer buffer = context.channel().unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** Queues {@code frames} without flushing; returns their length. */
  @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed write or close shows in the channel's handlers
  int write(Buffer frames) {
    context.write(((BufferInternal) frames).getByteBuf(), context.voidPromise());
    return frames.length();
  }

  void flush() {
    context.flush();
  }

  /**
   * Writes {@code last}, then shuts the output down (the client reads everything, then the end of
   * the stream); what the client still sends is read and dropped until it closes its side.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed write or close shows in the channel's handlers
  void closeAfter(Buffer last) {
    context.writeAndFlush(((BufferInternal) last).getByteBuf()).addListener(written -> {
      if (context.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
        duplex.shutdownOutput();
      } else {
        context.close();
      }
    });
  }

  /** Closes at once, dropping whatever is unsent. */
  @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed write or close shows in the channel's handlers
  void cut() {
    context.close();
  }
}
