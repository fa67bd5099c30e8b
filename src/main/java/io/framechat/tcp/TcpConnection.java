package io.framechat.tcp;

import io.framechat.net.EndpointBase;
import io.framechat.net.Gateway;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP client: decodes frames and hands each body to the shared inbound path; writes what the
 * gateway sends, once per event-loop turn. It holds no chat logic. It enforces what is per
 * connection: the frame size and the bound on unsent bytes (slow consumers); it closes on
 * {@link ErrorCode#closes() closing} errors.
 */
final class TcpConnection extends EndpointBase implements FrameDecoder.Listener {

  private static final Logger LOG = Logger.getLogger(TcpConnection.class.getName());
  /** How long a closing connection may take to flush its last frames, and its client to close its side, before it is cut. */
  static final long CLOSE_GRACE_MS = 2000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final TcpWriter writer;
  private final FrameEncoder encoder;
  private final FrameDecoder decoder;
  private final int maxFrameBytes;
  private final OutboundQueue pending = new OutboundQueue();
  private final int sendQueueBytes;
  private boolean closing;
  private CloseReason closeReason;
  /** When the frame now being received began (its first byte arrived), or 0 between frames. */
  private long frameStartedMillis;
  /** Frames held this turn (counted once written). */
  private int framesHeld;
  /** A flush at the end of this turn is asked for. */
  private boolean flushAsked;

  TcpConnection(Vertx vertx, NetSocket socket, Gateway gateway, FrameEncoder encoder) {
    super(gateway, "tcp", socket.remoteAddress().hostAddress(), socket.remoteAddress().port(), TcpWriter.slot(socket));
    this.vertx = vertx;
    this.socket = socket;
    this.writer = new TcpWriter(socket);
    this.encoder = encoder;
    this.maxFrameBytes = gateway.config().tcp().maxFrameBytes();
    this.decoder = new FrameDecoder(encoder.byteOrder(), maxFrameBytes, this);
    this.sendQueueBytes = gateway.config().tcp().sendQueueBytes();
    socket.setWriteQueueMaxSize(sendQueueBytes);
  }

  void start() {
    socket.handler(this::onData);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> {
      LOG.log(Level.FINE, "connection " + this + " failed", e);
      abort(CloseReason.ERROR);
    });
    // the server is stopping: the drain says bye to this connection in its turn (Gateway), so it
    // stays open until then, or until the listener's shutdown timeout
    socket.shutdownHandler(timeout -> { });
    gateway().connected(this);
  }

  private void onData(Buffer chunk) {
    heard();
    gateway().transportMetrics().received(chunk.length());
    countIn(chunk.length());
    decoder.handle(chunk);
    if (decoder.bufferedBytes() > 0 && frameStartedMillis == 0) {
      frameStartedMillis = System.currentTimeMillis();
    }
  }

  @Override
  public void onFrame(Buffer body) {
    frameStartedMillis = 0;
    if (!closing) {
      bodyReceived(body);
    }
  }

  @Override
  public void onKeepalive() {
    frameStartedMillis = 0;
  }

  /**
   * Whether the frame being received began before {@code deadlineMillis}: a client that sends a
   * byte now and then, never finishing a frame, is not idle but holds a buffer and a connection.
   */
  boolean frameOverdue(long deadlineMillis) {
    return frameStartedMillis != 0 && frameStartedMillis < deadlineMillis;
  }

  @Override
  public void onOversized(long declaredLength) {
    sendError(ErrorCode.FRAME_TOO_LARGE,
        "frame of " + declaredLength + " bytes is over the limit of " + maxFrameBytes);
  }

    /** Sends an error frame; closes afterwards when the code says so. */
  void sendError(ErrorCode code, String message) {
    sendError(encoder, code, message);
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
    if (!flushAsked) {
      flushAsked = true;
      gateway().flushLater(this);
    }
    pending.add(frames.buffer(), room);
    framesHeld += frames.count();
    if (pending.heldBytes() >= sendQueueBytes) {
      flush();
    }
  }

  /**
   * Writes every batch held this turn, the same buffers every member gets, with one flush. What the
   * kernel does not take stays in Netty's outbound buffer; a backlog still over tcp.sendQueueBytes a
   * turn later marks a slow consumer ({@link OutboundQueue}), which is cut off or loses its room
   * traffic, and is told either way.
   */
  @Override
  public void flush() {
    flushAsked = false;
    if (closing || writer.closed()) {
      pending.clear();
      return;
    }
    if (pending.isEmpty()) {
      return;
    }
    OutboundQueue.Plan plan = pending.drain(writer.writable(), writer.unsent() > 2L * sendQueueBytes,
        gateway().config().tcp().slowConsumer());
    if (plan.cutOff()) {
      LOG.info(() -> "cutting off slow consumer " + this + ": " + writer.unsent() + " bytes unsent");
      sendError(ErrorCode.SLOW_CONSUMER, "unsent data passed the limit: read faster");
      return;
    }
    if (plan.tellDropping()) {
      gateway().metrics().error(ErrorCode.SLOW_CONSUMER);
      LOG.info(() -> "dropping room messages for slow consumer " + this + ": " + writer.unsent() + " bytes unsent");
      writer.write(encoder.encode(ServerFrames.error(ErrorCode.SLOW_CONSUMER,
          "you read too slowly: room messages are being dropped")));
    }
    long bytes = 0;
    for (Buffer frames : plan.write()) {
      bytes += writer.write(frames);
    }
    countOut(framesHeld, bytes);
    framesHeld = 0;
    if (plan.dropped() > 0) {
      gateway().metrics().dropped(plan.dropped());
    }
    gateway().transportMetrics().sent(bytes);
    writer.flush();
  }

  @Override
  protected long pendingBytes() {
    return closing ? 0 : writer.unsent();
  }

  @Override
  public void close(FrameBatch last, CloseReason reason) {
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
    writer.closeAfter(last.buffer());
    vertx.setTimer(CLOSE_GRACE_MS, t -> writer.cut());
  }

  @Override
  public void abort() {
    abort(CloseReason.ERROR);
  }

  /** Closes at once, dropping whatever is unsent. */
  private void abort(CloseReason reason) {
    if (!closing) {
      closing = true;
      closeReason = reason;
    }
    writer.cut();
  }

  private void onClosed() {
    closing = true;
    CloseReason reason = closeReason != null ? closeReason
        : decoder.midFrame() ? CloseReason.VANISHED : CloseReason.CLOSED;
    LOG.fine(() -> "connection " + this + " closed: " + reason.wireName());
    gateway().disconnected(this, reason);
  }

  @Override
  public boolean isOpen() {
    return !closing;
  }
}
