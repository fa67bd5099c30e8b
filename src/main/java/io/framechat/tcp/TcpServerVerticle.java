package io.framechat.tcp;

import io.framechat.config.TcpOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.Endpoint;
import io.framechat.net.Gateway;
import io.framechat.protocol.CommandParser;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The framed TCP listener. Deployed with several instances sharing one port: each instance has
 * its own event loop, {@link Gateway} and connections. It translates between frames and the event
 * bus; the chat itself lives in the broadcast verticle.
 */
public final class TcpServerVerticle extends VerticleBase {

  private final TcpOptions options;
  private final ChatMetrics metrics;
  private final IntConsumer onListening;
  private final long drainMillis;
  private Gateway gateway;
  private CommandParser parser;
  private FrameEncoder encoder;
  private NetServer server;
  private long idleTimer = -1;

  /**
   * @param onListening called with the actual port once this instance listens
   * @param drainMillis how long {@code stop()} lets connections take their {@code bye} and close
   */
  public TcpServerVerticle(TcpOptions options, ChatMetrics metrics, IntConsumer onListening, long drainMillis) {
    this.options = options;
    this.metrics = metrics;
    this.onListening = onListening;
    this.drainMillis = drainMillis;
  }

  @Override
  public Future<?> start() {
    gateway = new Gateway(vertx, metrics, metrics.tcp());
    parser = new CommandParser();
    encoder = new FrameEncoder(options.getByteOrder());
    server = vertx.createNetServer(new NetServerOptions()
            .setHost(options.getHost())
            .setPort(options.getPort())
            .setTcpNoDelay(true))
        .connectHandler(this::accept);
    if (options.getIdleTimeoutSeconds() > 0) {
      long period = Math.max(100, Math.min(5000, options.getIdleTimeoutSeconds() * 1000L / 4));
      idleTimer = vertx.setPeriodic(period, t -> closeIdle());
    }
    return gateway.start()
        .compose(v -> server.listen())
        .onSuccess(s -> onListening.accept(s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(idleTimer);
    return server.shutdown(drainMillis, TimeUnit.MILLISECONDS).eventually(gateway::stop);
  }

  private void accept(NetSocket socket) {
    new TcpConnection(vertx, socket, gateway, parser, encoder, options.getMaxFrameBytes(),
        options.getSendQueueBytes()).start();
  }

  private void closeIdle() {
    long cutoff = System.currentTimeMillis() - options.getIdleTimeoutSeconds() * 1000L;
    for (Endpoint connection : gateway.silentSince(cutoff)) {
      connection.close(FrameBatch.of(encoder.encode(ServerFrames.bye("idle"))), "idle");
    }
  }
}
