package io.framechat.http;

import io.framechat.config.HttpOptions;
import io.framechat.net.NodeContext;
import io.framechat.net.Tls;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusRequestHandler;

import javax.net.ssl.SSLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The HTTP port: the chat page and WebSocket clients ({@link ChatSockets}); and, unless
 * {@code http.management} gives them a port of their own: {@code /health} and {@code /health/ready} answer 200 with {@code {"status":"UP"}}
 * only while every listener is up and the server is not draining (503 otherwise);
 * {@code /health/live} answers 200 while the process serves requests at all; {@code /metrics} serves
 * the meters (Vert.x's and framechat's) in the Prometheus text format; {@code /api} is the operator
 * API ({@link AdminApi}), there when {@code admin.token} is set.
 */
public final class HttpVerticle extends VerticleBase {

  public static final String HEALTH_PATH = "/health";
  /** Readiness: 200 only while serving (not while starting or draining). */
  public static final String READY_PATH = "/health/ready";
  /** Liveness: 200 while the process answers at all. */
  public static final String LIVE_PATH = "/health/live";
  public static final String METRICS_PATH = "/metrics";
  /**
   * What the chat page reads first: {@code {"websocketPath":...,"tokenRefreshUrl":...,"maxTextBytes":...,
   * "maxNickLength":...}}, as the configuration in force says (the page checks text and nicks by them).
   */
  public static final String PAGE_CONFIG_PATH = "/framechat.json";
  /** The operator API, under this. */
  public static final String API_PATH = "/api";

  private final HttpOptions options;
  private final HealthState health;
  private final Handler<HttpServerRequest> metrics;
  private final IntConsumer onListening;
  private final AdminApi.Node admin;
  private final NodeContext node;
  private final IntConsumer onManagement;
  private ChatSockets sockets;
  private PublicHosts hosts;
  private HttpServer server;
  private HttpServer management;
  private volatile Thread eventLoop;

  /**
   * @param node what the WebSocket clients' gateway shares with the other network verticles
   * @param admin what the operator API works with
   */
  public HttpVerticle(HttpOptions options, HealthState health, PrometheusMeterRegistry registry, NodeContext node,
      AdminApi.Node admin, IntConsumer onListening, IntConsumer onManagement) {
    this.options = options;
    this.node = node;
    this.health = health;
    this.metrics = PrometheusRequestHandler.create(registry);
    this.admin = admin;
    this.onListening = onListening;
    this.onManagement = onManagement;
  }

  /** The thread of this verticle's event loop (its WebSocket clients'), once started (null before). */
  public Thread eventLoop() {
    return eventLoop;
  }

  @Override
  public Future<?> start() {
    eventLoop = Thread.currentThread();
    HttpServerOptions listen = timed(new HttpServerOptions().setHost(options.host()).setPort(options.port()))
        // twice the limit: between the two the client is told frame_too_large; past it Vert.x closes (1009)
        .setMaxWebSocketFrameSize(options.websocket().maxFrameBytes() * 2)
        .setMaxWebSocketMessageSize(options.websocket().maxFrameBytes() * 2)
        // no compression: chat messages are short, a broadcast is written as the same bytes to every
        // member, and a small compressed message cannot inflate to a large one
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    secure(listen);
    hosts = new PublicHosts(options.host(), options.publicHosts());
    Router clients = Router.router(vertx);
    Router operators = options.management().enabled() ? Router.router(vertx) : clients;
    operators.route(HEALTH_PATH).method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> respond(ctx.request(), health.ready()));
    operators.route(READY_PATH).method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> respond(ctx.request(), health.ready()));
    operators.route(LIVE_PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> respond(ctx.request(), true));
    operators.route(METRICS_PATH).handler(HttpVerticle::noStore);
    operators.route(METRICS_PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> metrics.handle(ctx.request()));
    operators.route(API_PATH + "/*").handler(HttpVerticle::noStore).handler(ctx -> {
      if (hosts.admits(ctx.request().authority())) {
        ctx.next();
      } else {
        ctx.response().setStatusCode(403).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", "this server does not answer /api under the host name "
                + ctx.request().authority() + ": list it in http.publicHosts").encode());
      }
    });
    operators.route(API_PATH + "/*").subRouter(new AdminApi(vertx, admin).router());
    Future<Void> ready = Future.succeededFuture();
    if (options.websocket().enabled()) {
      sockets = new ChatSockets(vertx, node, options.websocket(), hosts);
      // where the page finds the chat
      String path = options.websocket().path();
      clients.route(PAGE_CONFIG_PATH).method(HttpMethod.GET).handler(ctx -> ctx.response()
          .putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
          .end(new JsonObject().put("websocketPath", path)
              .put("tokenRefreshUrl", admin.config().get().auth().tokenRefreshUrl())
              .put("maxTextBytes", admin.config().get().chat().maxTextBytes())
              .put("maxNickLength", admin.config().get().chat().maxNickLength()).encode()));
      // the chat page, from the jar, read once
      ready = vertx.executeBlocking(PageFiles::load)
          .map(files -> {
            clients.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files::handle);
            return null;
          })
          .compose(v -> sockets.start());
    }
    for (Router router : operators == clients ? List.of(clients) : List.of(clients, operators)) {
      router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
      router.errorHandler(405, ctx -> ctx.response().setStatusCode(405).end());
    }
    int headSeconds = node.config().get().limits().handshakeTimeoutSeconds();
    server = vertx.createHttpServer(listen).requestHandler(clients)
        .connectionHandler(connection -> HttpDeadlines.install(connection, headSeconds, node.metrics()::httpHeadTimedOut))
        .exceptionHandler(e -> countTls("http", e));
    if (sockets != null) {
      // upgrades go to the chat, before the router (whose WebSocket wrapper would hide the channel
      // the fan-out writes to)
      server.webSocketHandshakeHandler(sockets::handshake).webSocketHandler(sockets::accept);
    }
    if (operators != clients) {
      management = vertx.createHttpServer(secure(timed(new HttpServerOptions().setHost(options.host())
          .setPort(options.management().port())))).requestHandler(operators)
          .connectionHandler(connection -> HttpDeadlines.install(connection, headSeconds, node.metrics()::httpHeadTimedOut))
          .exceptionHandler(e -> countTls("management", e));
      ready = ready.compose(v -> management.listen()).map(s -> {
        onManagement.accept(s.actualPort());
        return null;
      });
    }
    return ready.compose(v -> server.listen()).onSuccess(s -> onListening.accept(s.actualPort()));
  }

  /**
   * A connection with no request in progress for {@code http.idleTimeoutSeconds} is closed, a TLS
   * handshake must end within {@code limits.handshakeTimeoutSeconds} (a request head too:
   * {@link HttpDeadlines}). HTTP/1.1 only: no clear-text HTTP/2, whose detection would hold a
   * connection's first bytes before anything could time its request.
   */
  private HttpServerOptions timed(HttpServerOptions listen) {
    return listen.setHttp2ClearTextEnabled(false).setIdleTimeout(options.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setSslHandshakeTimeout(node.config().get().limits().handshakeTimeoutSeconds())
        .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
  }

  /** A TLS handshake that failed (or timed out) is counted; what else reaches here is a connection's own business. */
  private void countTls(String listener, Throwable e) {
    if (e instanceof SSLException || e.getCause() instanceof SSLException) {
      node.metrics().tlsHandshakeFailed(listener);
    }
  }

  /** Answers that operators' and machines' replies are not to be kept by any cache. */
  private static void noStore(RoutingContext ctx) {
    ctx.response().putHeader("cache-control", "no-store");
    ctx.next();
  }

  private HttpServerOptions secure(HttpServerOptions listen) {
    if (options.tls().enabled()) {
      ServerSSLOptions tls = Tls.serverOptions(vertx, "http.tls", options.tls());
      listen.setSsl(true).setKeyCertOptions(tls.getKeyCertOptions()).setTrustOptions(tls.getTrustOptions())
          .setClientAuth(tls.getClientAuth()).setSslEngineOptions(Tls.engine("http.tls.engine", options.tls().engine()));
    }
    return listen;
  }

  /** Puts new certificates in force for new connections (on the management port too). */
  public Future<Boolean> updateTls(ServerSSLOptions tls) {
    Future<Boolean> main = server.updateSSLOptions(tls, true);
    return management == null ? main : main.compose(updated -> management.updateSSLOptions(tls, true));
  }

  @Override
  public Future<?> stop() {
    return (sockets == null ? Future.succeededFuture() : sockets.stop()).eventually(server::close)
        .eventually(() -> management == null ? Future.succeededFuture() : management.close());
  }

  private void respond(HttpServerRequest request, boolean up) {
    JsonObject body = new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("phase", health.phase().name().toLowerCase(java.util.Locale.ROOT))
        .put("uptimeSeconds", health.uptimeSeconds())
        .put("clusterMembers", health.clusterMembers())
        .put("store", health.store());
    request.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }
}
