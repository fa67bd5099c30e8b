package io.framechat.udp;

import io.framechat.net.DirectCopies;
import io.framechat.protocol.FrameBatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.internal.buffer.BufferInternal;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the UDP listener's datagrams to its Netty channel, beneath Vert.x's {@code DatagramSocket}
 * (one of the few classes that reach beneath Vert.x, listed in docs/ARCHITECTURE.md):
 * {@code DatagramSocket.send} resolves the address and flushes at every call, one {@code sendto}
 * system call per datagram. Here the datagrams of an event-loop turn (a room's batch to each of its
 * UDP members) are written to the channel and flushed once at the end of the turn, and Netty's epoll
 * transport sends what is queued with {@code sendmmsg}, up to 1,024 datagrams per system call.
 *
 * <p>A batch's bytes are in direct memory once, and every member's datagrams slice them (Netty would
 * otherwise copy a heap buffer for each datagram): the batch as it is ({@link DirectCopies}), for its
 * bodies one to a datagram, and, for the sessions that asked, laid out packed several to a datagram
 * ({@link Packing}). What the kernel has not taken is bounded by {@code udp.sendQueueBytes}: past it
 * a datagram is dropped, as the network could drop it, and counted; clients repair gaps from
 * history. (A turn that queues more than the bound is flushed in parts.)
 *
 * <p>The room traffic of packed sessions may wait a little to share datagrams ({@link PackWait},
 * {@code udp.packWaitMillis}): the sessions hold their room batches, and at the release each sends
 * them as one batch, laid out once for all the members that hold the same ones. One writer per
 * socket, used on its event loop.
 */
final class UdpWriter {

  /** Counts a datagram dropped because the queue to the kernel is full. */
  interface Drops {
    void dropped();
  }

  private final DatagramChannel channel;
  private final Context context;
  private final long maxQueuedBytes;
  private final int packBytes;
  private final Drops drops;
  private final PackWait wait;
  /** The sessions holding room traffic until the release, in the order they began to. */
  private final List<UdpSession> holding = new ArrayList<>();
  private boolean flushAsked;
  /** The batches last sent as one, and that one: a room's members hold the same batches. */
  private List<FrameBatch> combinedFrom;
  private FrameBatch combined;
  /** The batch last laid out packed: a room's batch goes to its members one after the other. */
  private FrameBatch packed;
  private ByteBuf packedBytes;
  /** Where each packed datagram ends in {@link #packedBytes}. */
  private int[] packedEnds;

  UdpWriter(DatagramSocket socket, Context context, long maxQueuedBytes, int packBytes, int packWaitMillis,
      Drops drops) {
    this.channel = channel(socket);
    this.context = context;
    this.maxQueuedBytes = maxQueuedBytes;
    this.packBytes = packBytes;
    this.drops = drops;
    this.wait = new PackWait(packWaitMillis);
  }

  /** Vert.x keeps the channel to itself; a Vert.x that moved it fails here, at start-up, not at the first datagram. */
  static DatagramChannel channel(DatagramSocket socket) {
    try {
      Field field = socket.getClass().getDeclaredField("channel");
      field.setAccessible(true);
      return (DatagramChannel) field.get(socket);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot reach the Netty channel of " + socket.getClass().getName()
          + " (has Vert.x changed?)", e);
    }
  }

  /**
   * Queues the bodies of {@code frames} to {@code to}: one datagram each, or {@code packed} several to
   * a datagram. Returns the bytes queued.
   */
  long send(FrameBatch frames, InetSocketAddress to, boolean packed) {
    return packed ? sendPacked(frames, to) : sendSingle(frames, to);
  }

  /**
   * Whether a packed session's room traffic now waits for the release: if so, {@code session} holds
   * it, and (unless {@code alreadyHolding}) is listed to be told to {@link UdpSession#sendHeld} then.
   */
  boolean holds(UdpSession session, boolean alreadyHolding) {
    long hold = wait.hold(System::nanoTime);
    if (hold == PackWait.AT_ONCE) {
      askFlush();
      return false;
    }
    if (hold != PackWait.ASKED) {
      context.owner().setTimer(hold, t -> release());
    }
    if (!alreadyHolding) {
      holding.add(session);
    }
    return true;
  }

  /** {@code batches} as one batch, made once for all the sessions that hold the same ones. */
  FrameBatch combine(List<FrameBatch> batches) {
    if (batches.size() == 1) {
      return batches.get(0);
    }
    // FrameBatch keeps Object's equals: the same batches, by identity
    if (!batches.equals(combinedFrom)) {
      combined = FrameBatch.concat(batches);
      combinedFrom = batches;
    }
    return combined;
  }

  private void release() {
    for (UdpSession session : holding) {
      session.sendHeld();
    }
    holding.clear();
    combinedFrom = null;
    combined = null;
    wait.released(System.nanoTime());
  }

  private long sendSingle(FrameBatch frames, InetSocketAddress to) {
    ByteBuf bytes = DirectCopies.of(channel, frames.buffer());
    try {
      long queued = 0;
      for (int i = 0; i < frames.count(); i++) {
        int length = frames.bodyLength(i);
        if (write(bytes.retainedSlice(bytes.readerIndex() + frames.bodyStart(i), length), to)) {
          queued += length;
        }
      }
      return queued;
    } finally {
      bytes.release();
    }
  }

  private long sendPacked(FrameBatch frames, InetSocketAddress to) {
    if (frames != packed) {
      layOutPacked(frames);
    }
    long queued = 0;
    int start = 0;
    for (int end : packedEnds) {
      if (write(packedBytes.retainedSlice(start, end - start), to)) {
        queued += end - start;
      }
      start = end;
    }
    return queued;
  }

  private void layOutPacked(FrameBatch frames) {
    if (packedBytes != null) {
      packedBytes.release();
    }
    int[] starts = Packing.starts(frames, packBytes);
    packedBytes = direct(frames.buffer().length());
    packedEnds = new int[starts.length - 1];
    ByteBuf heap = ((BufferInternal) frames.buffer()).getByteBuf();
    for (int d = 0; d < packedEnds.length; d++) {
      for (int i = starts[d]; i < starts[d + 1]; i++) {
        if (i > starts[d]) {
          packedBytes.writeByte('\n');
        }
        packedBytes.writeBytes(heap, heap.readerIndex() + frames.bodyStart(i), frames.bodyLength(i));
      }
      packedEnds[d] = packedBytes.writerIndex();
    }
    packed = frames;
  }

  /** Queues one datagram (an answer to an address with no session); false when dropped. */
  boolean send(Buffer datagram, InetSocketAddress to) {
    return write(((BufferInternal) datagram).getByteBuf(), to);
  }

  @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed send shows in the channel's handlers
  private boolean write(ByteBuf body, InetSocketAddress to) {
    if (queued() + body.readableBytes() > maxQueuedBytes) {
      // a turn bigger than the bound goes to the kernel in parts; what it cannot take stays queued
      channel.flush();
    }
    if (queued() + body.readableBytes() > maxQueuedBytes || !channel.isActive()) {
      body.release();
      drops.dropped();
      return false;
    }
    channel.write(new DatagramPacket(body, to), channel.voidPromise());
    askFlush();
    return true;
  }

  private void askFlush() {
    if (!flushAsked) {
      flushAsked = true;
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    flushAsked = false;
    wait.turnEnded();
    releaseLayout();
    channel.flush();
  }

  /** Lets go of the batch laid out packed (the datagrams queued hold their own references). */
  private void releaseLayout() {
    if (packedBytes != null) {
      packedBytes.release();
      packedBytes = null;
      packed = null;
    }
  }

  /** Bytes written and not yet taken by the kernel. */
  long queued() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  private ByteBuf direct(int bytes) {
    return channel.alloc().directBuffer(Math.max(1, bytes));
  }
}
