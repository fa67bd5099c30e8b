package io.framechat.net;

import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;

import java.util.logging.Logger;

/**
 * A client over a stream, TCP or WebSocket, and the one rule both follow for what they send: what
 * the gateway hands the client during an event-loop turn is held, then written at the end of the turn
 * with one flush (the same bytes every member of a room gets), and what the client leaves unread is
 * bounded by {@code tcp.sendQueueBytes}. Held data past the bound is judged at once rather than at
 * the turn's end, so a turn that brings many batches (an event loop that fell behind) is not written
 * whole for a client that does not read. The verdict on a client still behind is
 * {@link OutboundQueue}'s. A channel already closed is closed, not slow: nothing is judged.
 *
 * <p>Subclasses write to their channel (each frames the bytes its way) and close it their way.
 */
public abstract class StreamEndpoint extends EndpointBase {

  private static final Logger LOG = Logger.getLogger(StreamEndpoint.class.getName());

  private final OutboundQueue pending = new OutboundQueue();
  private final ReadStream<?> input;
  private final FrameEncoder encoder;
  private final int bound;
  /** Frames held this turn (counted once written). */
  private int framesHeld;
  /** A flush at the end of this turn is asked for. */
  private boolean flushAsked;
  /** Closing or closed: nothing more is sent. */
  protected boolean closing;

  /**
   * @param input what the client sends: not read while the chat catches up ({@link #pauseReading})
   * @param encoder frames the error bodies this class sends itself ({@code slow_consumer})
   */
  protected StreamEndpoint(Gateway gateway, String transport, ReadStream<?> input, SocketAddress remote,
      ConnectionLimits.Slot slot, FrameEncoder encoder) {
    super(gateway, transport, remote.hostAddress(), remote.port(), slot);
    this.input = input;
    this.encoder = encoder;
    this.bound = gateway.config().tcp().sendQueueBytes();
  }

  @Override
  public final void pauseReading() {
    input.pause();
  }

  @Override
  public final void resumeReading() {
    input.resume();
  }

  /** False while the unsent bytes are over the bound (the channel's high water mark), and once closed. */
  protected abstract boolean writable();

  /** Whether the channel is closed, or closing. */
  protected abstract boolean channelClosed();

  /** Bytes written and not yet taken by the kernel (0 once closed). */
  protected abstract long unsent();

  /** Queues the frames, framed for this transport, without flushing; returns the bytes queued. */
  protected abstract long write(FrameBatch frames);

  /** Flushes what was queued. */
  protected abstract void flushWrites();

  /** Holds the frames until the gateway's end-of-turn {@link #flush()}. */
  @Override
  public final void send(FrameBatch frames) {
    hold(frames, false);
  }

  @Override
  public final void sendRoom(FrameBatch frames) {
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
    pending.add(frames, room);
    framesHeld += frames.count();
    if (pending.heldBytes() >= bound) {
      flush();
    }
  }

  /**
   * Writes every batch held, with one flush. What the kernel does not take stays in the channel's
   * outbound buffer; a client still over the bound when more comes is a slow consumer, cut off or
   * losing its room traffic ({@code tcp.slowConsumer}), and told either way; past twice the bound it
   * is cut off in any case.
   */
  @Override
  public final void flush() {
    flushAsked = false;
    if (closing || channelClosed()) {
      pending.clear();
      framesHeld = 0;
      return;
    }
    if (pending.isEmpty()) {
      return;
    }
    boolean writable = writable();
    FrameBatch single = pending.takeSingle(writable);
    if (single != null) {
      written(write(single));
      return;
    }
    OutboundQueue.Plan plan = pending.plan(writable, unsent() > 2L * bound, gateway().config().tcp().slowConsumer());
    if (plan.cutOff()) {
      framesHeld = 0;
      LOG.info(() -> "cutting off slow consumer " + this + ": " + unsent() + " bytes unsent");
      sendError(ErrorCode.SLOW_CONSUMER, "unsent data passed the limit: read faster");
      return;
    }
    long bytes = 0;
    if (plan.tellDropping()) {
      gateway().metrics().error(ErrorCode.SLOW_CONSUMER);
      LOG.info(() -> "dropping room messages for slow consumer " + this + ": " + unsent() + " bytes unsent");
      bytes += write(FrameBatch.of(encoder.encode(ServerFrames.error(ErrorCode.SLOW_CONSUMER,
          "you read too slowly: room messages are being dropped"))));
    }
    for (FrameBatch frames : plan.write()) {
      bytes += write(frames);
    }
    if (plan.dropped() > 0) {
      gateway().metrics().dropped(plan.dropped());
    }
    written(bytes);
  }

  /** After the turn's writes: counts the frames and bytes, and flushes. */
  private void written(long bytes) {
    countOut(framesHeld, bytes);
    framesHeld = 0;
    gateway().transportMetrics().sent(bytes);
    flushWrites();
  }

  /** Sends an error frame; closes afterwards when the code says so. */
  protected final void sendError(ErrorCode code, String message) {
    sendError(encoder, code, message);
  }

  @Override
  protected final long pendingBytes() {
    return closing ? 0 : unsent();
  }

  @Override
  public final boolean isOpen() {
    return !closing;
  }
}
