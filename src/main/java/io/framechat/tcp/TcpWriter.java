package io.framechat.tcp;

import io.framechat.net.AcceptGuard;
import io.framechat.net.ConnectionLimits;
import io.framechat.net.DirectCopies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * Writes to one TCP connection's Netty channel, beneath Vert.x's {@code NetSocket} (one of the few
 * classes that reach beneath Vert.x, listed in docs/ARCHITECTURE.md), for five reasons:
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
 *   drop what it had received and not yet read, the last frames included;</li>
 *   <li>an idle connection should cost little: Vert.x gives every {@code NetSocket} a queue for writes
 *   from other threads whose first chunk takes 1,024 slots (4.7 KB), though every write here is made
 *   on the connection's event loop; the connection is given the direct queue Vert.x itself uses in its
 *   strict thread mode ({@code HttpServerOptions.setStrictThreadMode}, which {@code NetServerOptions}
 *   lacks), and the chunk becomes garbage.</li>
 * </ul>
 * The buffers written are shared by every member of a room: Netty only reads them, in the direct
 * copy {@link DirectCopies} makes of each once a turn.
 */
final class TcpWriter {

  private final ChannelHandlerContext context;

  TcpWriter(NetSocket socket) {
    this(((NetSocketInternal) socket).channelHandlerContext());
    directQueue(socket);
  }

  private static final Field QUEUE;
  private static final Constructor<?> DIRECT_QUEUE;

  static {
    try {
      Class<?> connection = Class.forName("io.vertx.core.net.impl.VertxConnection");
      QUEUE = connection.getDeclaredField("outboundMessageQueue");
      QUEUE.setAccessible(true);
      DIRECT_QUEUE = Class.forName("io.vertx.core.net.impl.VertxConnection$DirectOutboundMessageQueue")
          .getDeclaredConstructor(connection);
      DIRECT_QUEUE.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Gives the socket Vert.x's direct write queue in place of the one made for writes from other threads
   * (see above); called on the socket's event loop before anything is written.
   */
  private static void directQueue(NetSocket socket) {
    try {
      QUEUE.set(socket, DIRECT_QUEUE.newInstance(socket));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot give " + socket.getClass().getName() + " a direct write queue", e);
    }
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
    context.write(DirectCopies.of(context.channel(), frames), context.voidPromise());
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
    context.writeAndFlush(DirectCopies.of(context.channel(), last)).addListener(written -> {
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
