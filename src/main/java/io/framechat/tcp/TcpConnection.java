package io.framechat.tcp;

import io.framechat.net.Drain;
import io.framechat.net.EndpointBase;
import io.framechat.net.FloodGuard;
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
import java.util.BitSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP client: decodes frames, parses commands and hands them to the {@link Gateway}; writes
 * what the gateway sends, once per event-loop turn. It holds no chat logic. It enforces what is
 * per connection: the frame size, flood control, and the bound on unsent bytes (slow consumers);
 * it closes on {@link ErrorCode#closes() closing} errors.
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
  /** Which of {@link #pending} are room traffic (droppable for a slow consumer). */
  private final BitSet pendingRoom = new BitSet();
  private boolean closing;
  private String closeReason;
  /** A keepalive ping went out and nothing came back yet. */
  private boolean pinged;
  /** Under the drop policy: the client was told it is losing messages and has not caught up yet. */
  private boolean dropping;

  TcpConnection(Vertx vertx, NetSocket socket, Gateway gateway, CommandParser parser, FrameEncoder encoder) {
    super(gateway, "tcp", socket.remoteAddress().hostAddress(), socket.remoteAddress().port());
    this.vertx = vertx;
    this.socket = socket;
    this.context = ((NetSocketInternal) socket).channelHandlerContext();
    this.gateway = gateway;
    this.parser = parser;
    this.encoder = encoder;
    this.maxFrameBytes = gateway.config().getTcp().getMaxFrameBytes();
    this.decoder = new FrameDecoder(encoder.byteOrder(), maxFrameBytes, this);
    socket.setWriteQueueMaxSize(gateway.config().getTcp().getSendQueueBytes());
  }

  void start() {
    socket.handler(this::onData);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> {
      LOG.log(Level.FINE, "connection " + remoteAddress() + " failed", e);
      abort("error");
    });
    socket.shutdownHandler(v -> drain());
    gateway.connected(this);
  }

  /** Whether a keepalive ping is out, unanswered. */
  boolean pinged() {
    return pinged;
  }

  /** Sends a keepalive ping (the client's pong, or anything else, counts as activity). */
  void ping() {
    pinged = true;
    send(FrameBatch.of(encoder.encode(ServerFrames.ping("keepalive"))));
  }

  private void onData(Buffer chunk) {
    heard();
    pinged = false;
    gateway.transportMetrics().received(chunk.length());
    decoder.handle(chunk);
  }

  @Override
  public void onFrame(Buffer body) {
    if (closing) {
      return;
    }
    FloodGuard.Verdict verdict = flood();
    if (verdict == FloodGuard.Verdict.ALLOW) {
      gateway.received(this, parser.parse(body));
    } else if (verdict == FloodGuard.Verdict.REFUSE) {
      sendError(ErrorCode.RATE_LIMITED, "too many messages: slow down (at most "
          + gateway.config().getLimits().getMessagesPerSecond() + " a second)");
    } else {
      LOG.info(() -> "cutting off " + remoteAddress() + ": flooding");
      gateway.metrics().error(ErrorCode.RATE_LIMITED);
      close(FrameBatch.of(encoder.encode(ServerFrames.bye("flooding"))), "flooding");
    }
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
    hold(frames, false);
  }

  @Override
  public void sendRoom(FrameBatch frames) {
    hold(frames, true);
  }

  private void hold(FrameBatch frames, boolean room) {
    if (closing) {
      return;
    }
    if (pending.isEmpty()) {
      gateway.flushLater(this);
    }
    pendingRoom.set(pending.size(), room);
    pending.add(frames.buffer());
  }

  /**
   * Writes every batch held this turn, the same buffers every member gets, with one flush. What the
   * kernel does not take stays in Netty's outbound buffer. If, a turn later, that backlog is still
   * over tcp.sendQueueBytes (Netty's high water mark: the channel is unwritable), the client is not
   * reading: a slow consumer. It is cut off, or under {@code tcp.slowConsumer = drop} the room
   * messages for it are dropped (and counted) until it catches up, while replies to its own
   * requests still go out; either way it is told.
   */
  @Override
  public void flush() {
    if (pending.isEmpty() || closing) {
      clearPending();
      return;
    }
    boolean writable = context.channel().isWritable();
    if (!writable && !gateway.config().getTcp().dropsSlowConsumers()) {
      clearPending();
      LOG.info(() -> "cutting off slow consumer " + remoteAddress() + ": " + unsent() + " bytes unsent");
      sendError(ErrorCode.SLOW_CONSUMER, "unsent data passed the limit: read faster");
      return;
    }
    if (writable) {
      dropping = false;
    } else if (!dropping) {
      dropping = true;
      gateway.metrics().error(ErrorCode.SLOW_CONSUMER);
      LOG.info(() -> "dropping room messages for slow consumer " + remoteAddress() + ": " + unsent() + " bytes unsent");
      write(encoder.encode(ServerFrames.error(ErrorCode.SLOW_CONSUMER,
          "you read too slowly: room messages are being dropped")));
    }
    long bytes = 0;
    int droppedBatches = 0;
    for (int i = 0; i < pending.size(); i++) {
      if (!writable && pendingRoom.get(i)) {
        droppedBatches++;
      } else {
        bytes += write(pending.get(i));
      }
    }
    clearPending();
    if (droppedBatches > 0) {
      gateway.metrics().dropped(droppedBatches);
    }
    gateway.transportMetrics().sent(bytes);
    context.flush();
  }

  private int write(Buffer frames) {
    context.write(((BufferInternal) frames).getByteBuf(), context.voidPromise());
    return frames.length();
  }

  private void clearPending() {
    pending.clear();
    pendingRoom.clear();
  }

  private long unsent() {
    return context.channel().unsafe().outboundBuffer().totalPendingWriteBytes();
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
    releaseSlot();
    socket.write(last.buffer());
    socket.close();
    vertx.setTimer(CLOSE_GRACE_MS, t -> cut());
  }

  /**
   * The server is stopping: at a random moment within {@code server.drainSeconds} (so that clients
   * do not all reconnect at once), send {@code bye} with reason shutdown and a hint to reconnect,
   * after everything already queued, then close.
   */
  private void drain() {
    Drain.spread(vertx, gateway.config().getServer().getDrainSeconds(),
        () -> close(FrameBatch.of(encoder.encode(ServerFrames.shutdownBye())), "shutdown"));
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
