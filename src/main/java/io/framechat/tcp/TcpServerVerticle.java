package io.framechat.tcp;

import io.framechat.config.LiveConfig;
import io.framechat.config.TcpOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.Admission;
import io.framechat.net.NodeContext;
import io.framechat.net.Endpoint;
import io.framechat.net.Gateway;
import io.framechat.net.Keepalive;
import io.framechat.net.Tls;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ServerSSLOptions;

import javax.net.ssl.SSLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The framed TCP listener. Deployed with several instances sharing one port: each instance has
 * its own event loop, {@link Gateway} and connections. It translates between frames and the event
 * bus; the chat itself lives in the broadcast verticle. Its listener (host, port, byte order) is
 * fixed at start; limits and timeouts are read from the live configuration.
 */
public final class TcpServerVerticle extends VerticleBase {

  /** How often silent connections are looked for. */
  static final long KEEPALIVE_CHECK_MS = 1000;

  private final TcpOptions listener;
  private final NodeContext node;
  private final LiveConfig config;
  private final ChatMetrics metrics;
  private final IntConsumer onListening;
  private Gateway gateway;
  private FrameEncoder encoder;
  private Keepalive keepalive;
  private NetServer server;
  private long keepaliveTimer = -1;
  private volatile Thread eventLoop;

  /** @param onListening called with the actual port once this instance listens */
  public TcpServerVerticle(NodeContext node, IntConsumer onListening) {
    this.node = node;
    this.listener = node.config().get().tcp();
    this.config = node.config();
    this.metrics = node.metrics();
    this.onListening = onListening;
  }

  /** The thread of this verticle's event loop, once started (null before). */
  public Thread eventLoop() {
    return eventLoop;
  }

  @Override
  public Future<?> start() {
    eventLoop = Thread.currentThread();
    gateway = new Gateway(vertx, node, metrics.tcp());
    encoder = new FrameEncoder(listener.byteOrder());
    keepalive = new Keepalive(encoder);
    NetServerOptions options = new NetServerOptions().setHost(listener.host()).setPort(listener.port())
        .setTcpNoDelay(true)
        .setSslHandshakeTimeout(config.get().limits().handshakeTimeoutSeconds()).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
    if (listener.tls().enabled()) {
      ServerSSLOptions tls = Tls.serverOptions(vertx, "tcp.tls", listener.tls());
      options.setSsl(true).setKeyCertOptions(tls.getKeyCertOptions()).setTrustOptions(tls.getTrustOptions())
          .setClientAuth(tls.getClientAuth()).setSslEngineOptions(Tls.engine("tcp.tls.engine", listener.tls().engine()));
    }
    server = vertx.createNetServer(options).connectHandler(this::accept).exceptionHandler(e -> {
      // before a connection is made, only its TLS handshake can fail (or time out)
      if (e instanceof SSLException || e.getCause() instanceof SSLException) {
        metrics.tlsHandshakeFailed("tcp");
      }
    });
    keepaliveTimer = vertx.setPeriodic(KEEPALIVE_CHECK_MS, t -> keepalive());
    return gateway.start()
        .compose(v -> server.listen())
        .onSuccess(s -> onListening.accept(s.actualPort()));
  }

  /**
   * Puts new certificates (or a new client CA) in force for new connections; those open keep theirs.
   * Completes with whether the listener took them.
   */
  public Future<Boolean> updateTls(ServerSSLOptions tls) {
    return server.updateSSLOptions(tls, true);
  }

  /**
   * Stops accepting and waits for the connections to end (the chat's drain says {@code bye} to
   * each, spread over {@code server.drainSeconds}); closes what is left after that.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(keepaliveTimer);
    long drainMillis = config.get().server().drainSeconds() * 1000L + TcpConnection.CLOSE_GRACE_MS;
    return server.shutdown(drainMillis, TimeUnit.MILLISECONDS).eventually(gateway::stop);
  }

  private void accept(NetSocket socket) {
    String host = socket.remoteAddress().hostAddress();
    Admission admission = gateway.admit(host, TcpWriter.slot(socket));
    if (admission.refused()) {
      refuse(socket, admission);
      return;
    }
    new TcpConnection(vertx, socket, gateway, encoder, admission.slot()).start();
  }

  /** An error frame to a connection that is not taken, then the close. */
  private void refuse(NetSocket socket, Admission refused) {
    socket.write(encoder.encode(ServerFrames.error(refused.refusal(), refused.message())));
    socket.close();
  }

  /**
   * Pings clients silent for half of {@code tcp.idleTimeoutSeconds}; closes those silent for all of
   * it (they did not answer), with {@code bye} reason idle.
   */
  private void keepalive() {
    long now = System.currentTimeMillis();
    int frameSeconds = config.get().tcp().frameTimeoutSeconds();
    if (frameSeconds > 0) {
      for (Endpoint endpoint : List.copyOf(gateway.endpoints())) {
        TcpConnection connection = (TcpConnection) endpoint;
        if (connection.frameOverdue(now - frameSeconds * 1000L)) {
          connection.error(ErrorCode.FRAME_TIMEOUT, "a frame must be complete within " + frameSeconds + " s");
        }
      }
    }
    keepalive.check(gateway, config.get().tcp().idleTimeoutSeconds(), now);
  }
}
