package io.framechat.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts every socket a guarded listener accepts, from the moment it is accepted: before a TLS
 * handshake, an HTTP request or a WebSocket upgrade, and before a byte is read. It sits on each
 * listening channel of the process ({@link GuardedTransport} puts it there), ahead of Netty's
 * acceptor, so it sees each accepted socket first. A listener is guarded once the server names its
 * port ({@link #guard}); the sockets of others (the cluster's event bus, clients) pass untouched.
 *
 * <p>A socket within the limits takes a {@link ConnectionLimits.Slot}, kept on the channel
 * ({@link #SLOT}) and given back when it closes (or earlier, when the server decides to close it).
 * A socket over the per-address cap or the total is closed at once, never read from: a plaintext
 * listener first writes its refusal (a chat {@code error} frame, an HTTP 503), a TLS one cannot.
 */
@ChannelHandler.Sharable
public final class AcceptGuard extends ChannelInboundHandlerAdapter {

  /** The slot an accepted socket holds under the connection limits. */
  public static final AttributeKey<ConnectionLimits.Slot> SLOT = AttributeKey.valueOf("framechat.slot");

  /**
   * What a guarded listener counts its sockets against (and how far past the total it may go: the
   * management port may use files kept for probes), what it writes to a socket it refuses (null:
   * nothing, as over TLS), and who hears of each refusal (the listener, and why: {@code per_ip} or
   * {@code total}).
   */
  @SuppressWarnings("ArrayRecordComponent") // the refusal's bytes, written as they are; listeners are never compared
  public record Listener(String name, ConnectionLimits limits, int headroom, byte[] refusal,
      BiConsumer<String, String> refused) {
  }

  static final AcceptGuard INSTANCE = new AcceptGuard();
  private static final Logger LOG = Logger.getLogger(AcceptGuard.class.getName());
  private static final Map<Integer, Listener> GUARDED = new ConcurrentHashMap<>();
  /** The listening channels this handler sits on, while they are open. */
  private static final Set<Channel> WATCHED = ConcurrentHashMap.newKeySet();

  private AcceptGuard() {
  }

  /**
   * Guards the listener on {@code port}: from now on its sockets count against the limits. Fails
   * when no listening channel on that port carries this guard (the transport was not wrapped), so
   * the server never runs with its sockets uncounted.
   */
  public static void guard(int port, Listener listener) {
    if (WATCHED.stream().noneMatch(channel -> Integer.valueOf(port).equals(port(channel.localAddress())))) {
      throw new IllegalStateException("the " + listener.name() + " listener on port " + port
          + " cannot count its sockets: framechat's Vert.x service provider (GuardedTransport) was not loaded");
    }
    GUARDED.put(port, listener);
  }

  /** Stops guarding {@code port}, if {@code listener} still guards it (a new server may have taken the port since). */
  public static void unguard(int port, Listener listener) {
    GUARDED.remove(port, listener);
  }

  /** Puts the guard on a listening channel just made, ahead of anything the server bootstrap adds. */
  static <T extends Channel> T watch(T listening) {
    listening.pipeline().addFirst("framechat-accept-guard", INSTANCE);
    WATCHED.add(listening);
    listening.closeFuture().addListener(closed -> WATCHED.remove(listening));
    return listening;
  }

  /** An accepted socket, before anything else sees it. */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Integer port = port(ctx.channel().localAddress());
    Listener listener = port == null ? null : GUARDED.get(port);
    if (listener == null || !(msg instanceof Channel child) || !(child.remoteAddress() instanceof InetSocketAddress peer)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String host = peer.getAddress().getHostAddress();
    ConnectionLimits.Slot slot = listener.limits().open(host, listener.headroom());
    if (slot == null) {
      String over = listener.limits().overBy(host, listener.headroom());
      listener.refused().accept(listener.name(), over == null ? "per_ip" : over);
      refuse(ctx, child, listener.refusal());
      return;
    }
    child.attr(SLOT).set(slot);
    child.closeFuture().addListener(closed -> slot.release());
    ctx.fireChannelRead(child);
  }

  /** Closes a socket nobody will read from, after writing the listener's refusal if it has one. */
  private static void refuse(ChannelHandlerContext ctx, Channel child, byte[] refusal) {
    if (refusal == null) {
      child.unsafe().closeForcibly();
      return;
    }
    child.config().setAutoRead(false);
    child.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext refused) {
        refused.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
      }
    });
    ctx.channel().eventLoop().register(child).addListener(registered -> {
      if (!registered.isSuccess()) {
        LOG.log(Level.FINE, "a refused socket could not be told why", registered.cause());
        child.unsafe().closeForcibly();
      }
    });
  }

  private static Integer port(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getPort() : null;
  }
}
