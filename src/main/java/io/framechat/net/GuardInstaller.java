package io.framechat.net;

import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.transport.Transport;

import java.util.logging.Logger;

/**
 * Puts the {@link AcceptGuard} on the listening sockets of every Vert.x instance: Vert.x loads this
 * service provider ({@code META-INF/services/io.vertx.core.spi.VertxServiceProvider}) for each
 * instance it builds, the server's and the tests' alike, and it wraps the transport chosen (native
 * epoll, or NIO when that is not there) in a {@link GuardedTransport}.
 */
public final class GuardInstaller implements VertxServiceProvider {

  private static final Logger LOG = Logger.getLogger(GuardInstaller.class.getName());

  @Override
  public void init(VertxBootstrap builder) {
    Transport transport = builder.transport();
    if (transport instanceof GuardedTransport || transport instanceof GuardedTransport.GuardedNio) {
      return;
    }
    if (transport == null || transport instanceof NioTransport || !transport.isAvailable()) {
      if (transport != null && !(transport instanceof NioTransport)) {
        LOG.fine(() -> "native transport unavailable (" + transport.unavailabilityCause() + "): NIO");
      }
      builder.transport(new GuardedTransport.GuardedNio());
    } else {
      builder.transport(new GuardedTransport(transport));
    }
  }
}
