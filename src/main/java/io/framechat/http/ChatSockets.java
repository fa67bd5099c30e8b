package io.framechat.http;

import io.framechat.config.HttpOptions;
import io.framechat.net.Admission;
import io.framechat.net.Gateway;
import io.framechat.net.Keepalive;
import io.framechat.net.NodeContext;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.HostAndPort;

import java.net.URI;

/**
 * Chat over WebSocket on the HTTP port ({@code http.websocket}): checks the page the connection
 * comes from (its {@code Origin}) during the handshake, then admits the client as TCP clients are (bans, connection
 * limits) and makes it a {@link WsConnection} behind a gateway of its own, kept alive like TCP.
 * Created in the HTTP verticle's {@code start()}: the gateway runs on that event loop.
 */
final class ChatSockets {

  private static final long KEEPALIVE_CHECK_MS = 1000;

  private final Vertx vertx;
  private final NodeContext node;
  private final HttpOptions.WebSocket options;
  private final PublicHosts hosts;
  private final Gateway gateway;
  // WebSocket bodies carry no header; the encoder only shapes the frames each body is taken from
  private final FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);
  private final Keepalive keepalive = new Keepalive(encoder);
  private final WsFrames frames = new WsFrames();
  private long timer = -1;

  ChatSockets(Vertx vertx, NodeContext node, HttpOptions.WebSocket options, PublicHosts hosts) {
    this.vertx = vertx;
    this.hosts = hosts;
    this.node = node;
    this.options = options;
    this.gateway = new Gateway(vertx, node, node.metrics().ws());
  }

  Future<Void> start() {
    timer = vertx.setPeriodic(KEEPALIVE_CHECK_MS,
        t -> keepalive.check(gateway, node.config().get().tcp().idleTimeoutSeconds(), System.currentTimeMillis()));
    return gateway.start();
  }

  /**
   * Waits for the clients to go (the chat's drain says {@code bye} to each, spread over
   * {@code server.drainSeconds}), at most that long, then stops the gateway.
   */
  Future<Void> stop() {
    vertx.cancelTimer(timer);
    Promise<Void> gone = Promise.promise();
    long deadline = System.currentTimeMillis() + node.config().get().server().drainSeconds() * 1000L;
    vertx.setPeriodic(1, 100, t -> {
      if (gateway.size() == 0 || System.currentTimeMillis() >= deadline) {
        vertx.cancelTimer(t);
        gone.complete();
      }
    });
    return gone.future().compose(v -> gateway.stop());
  }

  /**
   * An upgrade request (any path: the server hands every one here): taken at the chat's path when
   * it names one of the server's host names ({@link PublicHosts}) and its page may connect; refused
   * with 404 elsewhere, and 403 under another host name or from a page that may not.
   */
  void handshake(ServerWebSocketHandshake handshake) {
    if (!options.path().equals(handshake.path())) {
      handshake.reject(404);
    } else if (!hosts.admits(handshake.authority()) || !originAllowed(handshake)) {
      handshake.reject(403);
    } else {
      handshake.accept();
    }
  }

  /** A WebSocket the handshake accepted: admitted as TCP clients are ({@link Admission}), then a chat connection. */
  void accept(ServerWebSocket socket) {
    Admission admission = gateway.admit(socket.remoteAddress().hostAddress(), WsConnection.slot(socket));
    if (admission.refused()) {
      socket.writeTextMessage(ServerFrames.error(admission.refusal(), admission.message()).encode());
      socket.close((short) 1008, admission.refusal().wireName());
    } else {
      new WsConnection(socket, gateway, encoder, frames, options.maxFrameBytes(), admission.slot()).start();
    }
  }

  /**
   * Whether the page the request comes from may connect: no {@code Origin} (not a browser), the
   * server's own origin (the same host and port: the page the jar serves), {@code *}, or an origin listed.
   */
  private boolean originAllowed(ServerWebSocketHandshake handshake) {
    String origin = handshake.headers().get("Origin");
    if (origin == null || sameOrigin(handshake, origin) || options.allowedOrigins().contains("*")) {
      return true;
    }
    return options.allowedOrigins().stream().anyMatch(allowed -> allowed.equalsIgnoreCase(origin));
  }

  private static boolean sameOrigin(ServerWebSocketHandshake handshake, String origin) {
    HostAndPort server = handshake.authority();
    try {
      URI page = URI.create(origin);
      int defaultPort = handshake.isSsl() ? 443 : 80;
      int pagePort = page.getPort() != -1 ? page.getPort() : "https".equalsIgnoreCase(page.getScheme()) ? 443 : 80;
      return server != null && page.getHost() != null && page.getHost().equalsIgnoreCase(server.host())
          && pagePort == (server.port() != -1 ? server.port() : defaultPort);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
