package io.framechat.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.IdentityHashMap;

/**
 * The direct-memory copies of the buffers written on one event loop during its turn (one of the few
 * classes that reach beneath Vert.x, listed in docs/ARCHITECTURE.md). A room's batch is one heap
 * buffer written to every member; Netty's native and NIO transports copy a heap buffer into direct
 * memory at each write, so a fan-out to 100 members made 100 copies of it (and a UDP fan-out one copy
 * per datagram). Here the first write of a buffer in a turn copies it, and every member's write takes
 * a view of that copy; the copies are let go at the end of the turn (each write keeps its own
 * reference until the kernel took it). Used by {@code TcpWriter} and {@code UdpWriter}.
 */
public final class DirectCopies {

  private static final FastThreadLocal<DirectCopies> LOOP = new FastThreadLocal<>() {
    @Override
    protected DirectCopies initialValue() {
      return new DirectCopies();
    }
  };

  private final IdentityHashMap<Buffer, ByteBuf> copies = new IdentityHashMap<>();
  private boolean releaseAsked;

  private DirectCopies() {
  }

  /**
   * What to write of {@code frames} to {@code channel}: a view of this turn's direct copy of it, which
   * the caller owns (a write releases it); the buffer's own bytes when they are direct already or when
   * called off the channel's event loop.
   */
  public static ByteBuf of(Channel channel, Buffer frames) {
    if (!channel.eventLoop().inEventLoop()) {
      return ((BufferInternal) frames).getByteBuf();
    }
    DirectCopies loop = LOOP.get();
    ByteBuf direct = loop.copies.get(frames);
    if (direct != null) {
      // every member after the first: a view of the copy, and nothing more made
      return direct.retainedDuplicate();
    }
    ByteBuf bytes = ((BufferInternal) frames).getByteBuf();
    return bytes.isDirect() ? bytes : loop.copy(channel, frames, bytes);
  }

  private ByteBuf copy(Channel channel, Buffer frames, ByteBuf heap) {
    ByteBuf direct = channel.alloc().directBuffer(Math.max(1, heap.readableBytes()));
    direct.writeBytes(heap, heap.readerIndex(), heap.readableBytes());
    copies.put(frames, direct);
    if (!releaseAsked) {
      releaseAsked = true;
      channel.eventLoop().execute(this::release);
    }
    return direct.retainedDuplicate();
  }

  private void release() {
    releaseAsked = false;
    copies.values().forEach(ByteBuf::release);
    copies.clear();
  }
}
