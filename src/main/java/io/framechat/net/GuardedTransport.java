package io.framechat.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.spi.transport.Transport;

import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transport Vert.x was going to use (native epoll, or NIO), with two changes: every
 * listening channel it makes carries the {@link AcceptGuard}, which counts each accepted socket
 * before anything reads from it; and a datagram socket with a large kernel receive buffer (for
 * bursts) still reads into buffers no larger than a datagram can be (Vert.x would size each read
 * like the kernel buffer), several datagrams a wakeup. Everything else is the chosen transport's own. Put in place for every
 * Vert.x instance by {@link GuardInstaller}.
 */
final class GuardedTransport implements Transport {

  private final Transport chosen;

  GuardedTransport(Transport chosen) {
    this.chosen = chosen;
  }

  @Override
  public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
    ChannelFactory<? extends ServerChannel> factory = chosen.serverChannelFactory(domainSocket);
    return () -> AcceptGuard.watch(factory.newChannel());
  }

  /** The largest UDP payload: no read of a datagram needs more. */
  static final int DATAGRAM_READ_BYTES = 65_536;

  /** Datagrams read at one wakeup of the event loop, at most: Netty's default. */
  static final int DATAGRAMS_PER_READ = 16;

  /**
   * Reads of a datagram socket with a large kernel buffer take at most {@link #DATAGRAM_READ_BYTES}
   * each, and up to {@link #DATAGRAMS_PER_READ} at a wakeup.
   */
  static void capReads(DatagramChannel channel, DatagramSocketOptions options) {
    if (options.getReceiveBufferSize() > DATAGRAM_READ_BYTES) {
      channel.config().setRecvByteBufAllocator(new DatagramReads());
    }
  }

  /**
   * Reads of {@link #DATAGRAM_READ_BYTES}, {@link #DATAGRAMS_PER_READ} at a wakeup. Vert.x 5.0 sets
   * its datagram channels to one datagram a wakeup once they are configured (a return to the event
   * loop for every datagram, which Netty itself stopped doing: netty/netty#13676); a socket with a
   * large kernel buffer is one that expects bursts, and keeps Netty's default.
   */
  static final class DatagramReads extends FixedRecvByteBufAllocator {
    DatagramReads() {
      super(DATAGRAM_READ_BYTES);
      super.maxMessagesPerRead(DATAGRAMS_PER_READ);
    }

    @Override
    public DatagramReads maxMessagesPerRead(int asked) {
      return this;
    }
  }

  /** NIO, guarded: still a {@link NioTransport}, which is how Vert.x tells it is not native. */
  static final class GuardedNio extends NioTransport {
    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
      ChannelFactory<? extends ServerChannel> factory = super.serverChannelFactory(domainSocket);
      return () -> AcceptGuard.watch(factory.newChannel());
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
      super.configure(channel, options);
      capReads(channel, options);
    }
  }

  // ---- the rest is the chosen transport's ----

  @Override
  public boolean supportsDomainSockets() {
    return chosen.supportsDomainSockets();
  }

  @Override
  public boolean supportFileRegion() {
    return chosen.supportFileRegion();
  }

  @Override
  public boolean isAvailable() {
    return chosen.isAvailable();
  }

  @Override
  public Throwable unavailabilityCause() {
    return chosen.unavailabilityCause();
  }

  @Override
  public SocketAddress convert(io.vertx.core.net.SocketAddress address) {
    return chosen.convert(address);
  }

  @Override
  public io.vertx.core.net.SocketAddress convert(SocketAddress address) {
    return chosen.convert(address);
  }

  @Override
  public IoHandlerFactory ioHandlerFactory() {
    return chosen.ioHandlerFactory();
  }

  @Override
  public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
    return chosen.eventLoopGroup(type, nThreads, threadFactory, ioRatio);
  }

  @Override
  public DatagramChannel datagramChannel() {
    return chosen.datagramChannel();
  }

  @Override
  @SuppressWarnings("deprecation") // Vert.x's transport interface still takes Netty's deprecated family
  public DatagramChannel datagramChannel(InternetProtocolFamily family) {
    return chosen.datagramChannel(family);
  }

  @Override
  public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
    return chosen.channelFactory(domainSocket);
  }

  @Override
  public void configure(DatagramChannel channel, DatagramSocketOptions options) {
    chosen.configure(channel, options);
    capReads(channel, options);
  }

  @Override
  public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
    chosen.configure(options, connectTimeout, domainSocket, bootstrap);
  }

  @Override
  public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
    chosen.configure(options, domainSocket, bootstrap);
  }
}
