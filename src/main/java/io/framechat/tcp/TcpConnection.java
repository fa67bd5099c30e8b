package io.framechat.tcp;

import io.framechat.net.StreamEndpoint;
import io.framechat.net.ConnectionLimits;
import io.framechat.net.Gateway;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP client: decodes frames and hands each body to the shared inbound path; what the gateway
 * sends goes out as a {@link StreamEndpoint} does (held, written once per event-loop turn, bounded),
 * through {@link TcpWriter}. It holds no chat logic. It enforces what is per connection: the frame
 * size and its completion in time; it closes on {@link ErrorCode#closes() closing} errors, after the
 * last frame, with a half-close.
 */
final class TcpConnection extends StreamEndpoint implements FrameDecoder.Listener {

  private static final Logger LOG = Logger.getLogger(TcpConnection.class.getName());
  /** How long a closing connection may take to flush its last frames, and its client to close its side, before it is cut. */
  static final long CLOSE_GRACE_MS = 2000;

  private final Vertx vertx;
  private final NetSocket socket;
  private final TcpWriter writer;
  private final FrameDecoder decoder;
  private final HeaderByteOrder byteOrder;
  private final int maxFrameBytes;
  private CloseReason closeReason;
  /** When the frame now being received began (its first byte arrived), or 0 between frames. */
  private long frameStartedMillis;

  TcpConnection(Vertx vertx, NetSocket socket, Gateway gateway, FrameEncoder encoder, ConnectionLimits.Slot slot) {
    super(gateway, "tcp", socket, socket.remoteAddress(), slot, encoder);
    this.vertx = vertx;
    this.socket = socket;
    this.writer = new TcpWriter(socket);
    this.maxFrameBytes = gateway.config().tcp().maxFrameBytes();
    this.byteOrder = encoder.byteOrder();
    this.decoder = new FrameDecoder(encoder.byteOrder(), maxFrameBytes, this);
    socket.setWriteQueueMaxSize(gateway.config().tcp().sendQueueBytes());
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
    sendError(ErrorCode.FRAME_TOO_LARGE, "frame of " + declaredLength + " bytes is over the limit of " + maxFrameBytes
        + byteOrder.swappedHint(declaredLength, maxFrameBytes));
  }

  /** Sends an error frame; closes afterwards when the code says so (for the listener's timers). */
  void error(ErrorCode code, String message) {
    sendError(code, message);
  }

  @Override
  protected boolean writable() {
    return writer.writable();
  }

  @Override
  protected boolean channelClosed() {
    return writer.closed();
  }

  @Override
  protected long unsent() {
    return writer.unsent();
  }

  @Override
  protected long write(FrameBatch frames) {
    return writer.write(frames.buffer());
  }

  @Override
  protected void flushWrites() {
    writer.flush();
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
}
