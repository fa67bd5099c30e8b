package io.framechat.tcp;

import io.framechat.net.EndpointBase;
import io.framechat.net.Gateway;
import io.framechat.protocol.CommandParser;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP client: decodes frames, parses commands and hands them to the {@link Gateway}; writes
 * what the gateway sends. It holds no chat logic. Errors it can answer alone (bad frames, bad
 * bodies) it answers alone; it closes on {@link ErrorCode#closes() closing} errors and cuts off a
 * client whose unsent bytes pass {@code tcp.sendQueueBytes}.
 */
final class TcpConnection extends EndpointBase implements FrameDecoder.Listener {

  private static final Logger LOG = Logger.getLogger(TcpConnection.class.getName());
  /** How long a closing connection may take to flush its last frames before it is cut. */
  static final long CLOSE_GRACE_MS = 2000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final ChannelHandlerContext context;
  private final Gateway gateway;
  private final CommandParser parser;
  private final FrameEncoder encoder;
  private final FrameDecoder decoder;
  private final int maxFrameBytes;
  private final List<Buffer> pending = new ArrayList<>(4);
  private boolean closing;
  private String closeReason;

  TcpConnection(Vertx vertx, NetSocket socket, Gateway gateway, CommandParser parser, FrameEncoder encoder,
      int maxFrameBytes, int sendQueueBytes) {
    super(gateway, "tcp", socket.remoteAddress().hostAddress() + ":" + socket.remoteAddress().port());
    this.vertx = vertx;
    this.socket = socket;
    this.context = ((NetSocketInternal) socket).channelHandlerContext();
    this.gateway = gateway;
    this.parser = parser;
    this.encoder = encoder;
    this.maxFrameBytes = maxFrameBytes;
    this.decoder = new FrameDecoder(encoder.byteOrder(), maxFrameBytes, this);
    socket.setWriteQueueMaxSize(sendQueueBytes);
  }

  void start() {
    socket.handler(this::onData);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> {
      LOG.log(Level.FINE, "connection " + remoteAddress() + " failed", e);
      abort("error");
    });
    socket.shutdownHandler(v -> close(FrameBatch.of(encoder.encode(ServerFrames.bye("shutdown"))), "shutdown"));
    gateway.connected(this);
  }

  private void onData(Buffer chunk) {
    heard();
    gateway.transportMetrics().received(chunk.length());
    decoder.handle(chunk);
  }

  @Override
  public void onFrame(Buffer body) {
    if (closing) {
      return;
    }
    gateway.received(this, parser.parse(body));
  }

  @Override
  public void onOversized(long declaredLength) {
    sendError(ErrorCode.FRAME_TOO_LARGE,
        "frame of " + declaredLength + " bytes is over the limit of " + maxFrameBytes);
  }

  /** Sends an error frame; closes afterwards when the code says so. */
  void sendError(ErrorCode code, String message) {
    gateway.metrics().error(code);
    FrameBatch frame = FrameBatch.of(encoder.encode(ServerFrames.error(code, message)));
    if (code.closes()) {
      close(frame, code.wireName());
    } else {
      send(frame);
    }
  }

  /** Holds the frames until the gateway's end-of-turn {@link #flush()}. */
  @Override
  public void send(FrameBatch frames) {
    if (closing) {
      return;
    }
    if (pending.isEmpty()) {
      gateway().flushLater(this);
    }
    pending.add(frames.buffer());
  }

  /**
   * Writes every batch held this turn, the same buffers every member gets, with one flush. What the
   * kernel does not take stays in Netty's outbound buffer. If, a turn later, that backlog is still
   * over tcp.sendQueueBytes (Netty's high water mark: the channel is unwritable), the client is not
   * reading: it is a slow consumer and is cut off instead of being written more. One burst bigger
   * than the limit is not enough; a client that does not drain it is.
   */
  @Override
  public void flush() {
    if (pending.isEmpty() || closing) {
      pending.clear();
      return;
    }
    if (!context.channel().isWritable()) {
      pending.clear();
      LOG.info(() -> "cutting off slow consumer " + remoteAddress() + ": "
          + context.channel().unsafe().outboundBuffer().totalPendingWriteBytes() + " bytes unsent");
      sendError(ErrorCode.SLOW_CONSUMER, "unsent data passed the limit: read faster");
      return;
    }
    long bytes = 0;
    for (Buffer frames : pending) {
      context.write(((BufferInternal) frames).getByteBuf(), context.voidPromise());
      bytes += frames.length();
    }
    gateway.transportMetrics().sent(bytes);
    pending.clear();
    context.flush();
  }

  @Override
  public void close(FrameBatch last, String reason) {
    if (closing) {
      return;
    }
    flush();
    if (closing) {
      return;
    }
    closing = true;
    closeReason = reason;
    socket.write(last.buffer());
    socket.close();
    vertx.setTimer(CLOSE_GRACE_MS, t -> cut());
  }

  /** Closes at once, dropping whatever is unsent. */
  private void abort(String reason) {
    if (!closing) {
      closing = true;
      closeReason = reason;
    }
    cut();
  }

  private void cut() {
    // from the connection's own handler context, so the close skips Vert.x's handler, which would
    // wait for the unsent data to flush first
    context.close();
  }

  private void onClosed() {
    closing = true;
    String reason = closeReason != null ? closeReason : decoder.midFrame() ? "vanished" : "closed";
    LOG.fine(() -> "connection " + remoteAddress() + " closed: " + reason);
    gateway.disconnected(this, reason);
  }

  @Override
  public boolean isOpen() {
    return !closing;
  }
}
