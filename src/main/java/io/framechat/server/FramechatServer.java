package io.framechat.server;

import io.framechat.bans.BanList;
import io.framechat.bans.BanStore;
import io.framechat.bans.LocalBans;
import io.framechat.bus.InboundBatch;
import io.framechat.bus.LocalCodec;
import io.framechat.bus.OpBatch;
import io.framechat.chat.BroadcastVerticle;
import io.framechat.cluster.ClusterBans;
import io.framechat.cluster.ClusterMembership;
import io.framechat.config.FramechatConfig;
import io.framechat.config.LiveConfig;
import io.framechat.config.TcpOptions;
import io.framechat.config.TlsOptions;
import io.framechat.http.AdminApi;
import io.framechat.http.HealthState;
import io.framechat.http.HttpVerticle;
import io.framechat.metrics.ChatMetrics;
import io.framechat.bus.Addresses;
import io.framechat.net.ConnectionLimits;
import io.framechat.net.NodeContext;
import io.framechat.net.Tls;
import io.framechat.protocol.FrameEncoder;
import io.framechat.store.Stores;
import io.framechat.tcp.TcpServerVerticle;
import io.framechat.udp.UdpServerVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A running framechat node on a given {@link Vertx}, and the one place its parts are put together:
 * the configuration, meters and connection limits shared by every verticle; a single node's
 * {@link Peers#NONE} and {@link LocalSequencer}, or a cluster node's {@link ClusterPeers} and its
 * sequencer; then the broadcast verticle, the TCP verticle instances, the UDP verticle and the HTTP
 * verticle, deployed in that order and stopped in reverse.
 */
public final class FramechatServer {

  private static final Logger LOG = Logger.getLogger(FramechatServer.class.getName());

  private final Vertx vertx;
  private final LiveConfig config;
  private final ClusterMembership membership;
  private final ChatMetrics metrics;
  private final NodeContext node;
  /** This node's id: the cluster's name for it, or one of its own on a single node. */
  private final String nodeId;
  private final BanList bans = new BanList();
  private final long startedAt = System.currentTimeMillis();
  private BanStore banStore;
  private final HealthState health = new HealthState();
  private final ListenerGuards guards;
  private final AtomicInteger tcpPort = new AtomicInteger(-1);
  private final AtomicInteger udpPort = new AtomicInteger(-1);
  private final AtomicInteger httpPort = new AtomicInteger(-1);
  private final AtomicInteger managementPort = new AtomicInteger(-1);
  private final List<TcpServerVerticle> tcpVerticles = new CopyOnWriteArrayList<>();
  private volatile UdpServerVerticle udpVerticle;
  private volatile HttpVerticle httpVerticle;
  private TlsReloader tls;
  private long tlsTimer = -1;
  private BroadcastVerticle broadcast;
  private String broadcastId;
  private String tcpId;
  private String udpId;
  private String httpId;

  private FramechatServer(Vertx vertx, FramechatConfig config, ClusterMembership membership, ChatMetrics metrics) {
    this.vertx = vertx;
    this.config = new LiveConfig(config);
    this.membership = membership;
    this.metrics = metrics;
    this.node = new NodeContext(Addresses.HUB_PREFIX + UUID.randomUUID(), this.config,
        ConnectionLimits.withinOpenFiles(this.config), bans, metrics);
    this.nodeId = membership == null ? UUID.randomUUID().toString() : membership.nodeId();
    this.guards = new ListenerGuards(node.limits(), metrics, config.limits().reservedFiles());
    metrics.cluster().members(() -> membership == null ? 1 : membership.nodes().size());
    health.clusterMembers(() -> membership == null ? 1 : membership.nodes().size());
  }

  /** Deploys a single-node server, with meters of its own; fails if any listener cannot bind. */
  public static Future<FramechatServer> start(Vertx vertx, FramechatConfig config) {
    return start(vertx, config, null, ChatMetrics.newRegistry());
  }

  /**
   * Deploys a server; with {@code membership} (a clustered Vert.x), it joins the other nodes as one
   * chat server. Its meters go to {@code registry} (served at {@code /metrics}), beside Vert.x's.
   */
  public static Future<FramechatServer> start(Vertx vertx, FramechatConfig config, ClusterMembership membership,
      PrometheusMeterRegistry registry) {
    FramechatServer server = new FramechatServer(vertx, config, membership, new ChatMetrics(registry));
    return server.deploy().onFailure(e -> server.guards.release()).map(server);
  }

  private Future<Void> deploy() {
    LocalCodec.register(vertx.eventBus(), InboundBatch.class);
    LocalCodec.register(vertx.eventBus(), OpBatch.class);
    FramechatConfig initial = config.get();
    TcpOptions tcp = initial.tcp();
    int instances = tcp.effectiveInstances();
    return Stores.open(vertx, initial.store(), membership != null, metrics)
        .compose(store -> {
          health.store(store::status);
          broadcast = ChatAssembly.broadcastVerticle(vertx, config, metrics, node, membership, bans, nodeId, store);
          return startBans();
        })
        .compose(v -> vertx.deployVerticle(broadcast))
        .compose(id -> {
          broadcastId = id;
          LoopLayout.turnPast(vertx, broadcast.eventLoop(), instances);
          return vertx.deployVerticle(() -> {
            TcpServerVerticle verticle = new TcpServerVerticle(node, tcpPort::set);
            tcpVerticles.add(verticle);
            return verticle;
          }, new DeploymentOptions().setInstances(instances)).recover(e -> bindFailed("TCP", tcp.host(), tcp.port(), e));
        })
        .compose(id -> {
          tcpId = id;
          guards.tcp(tcpPort.get(), tcp.tls().enabled(), new FrameEncoder(tcp.byteOrder()));
          LoopLayout.Threads threads = loops();
          LoopLayout loops = threads.layout();
          LOG.info("TCP listening on " + tcp.host() + ":" + tcpPort.get() + " (" + instances
              + (instances == 1 ? " instance, " : " instances, ") + loops.description() + ", "
              + tcp.byteOrder().configName() + "-endian headers, max frame "
              + tcp.maxFrameBytes() + " bytes, TLS " + tlsState("tcp.tls", tcp.tls()) + ", logins "
              + initial.auth().mode() + ")");
          if (loops == LoopLayout.SHARED) {
            LOG.warning("the chat's event loop also writes to TCP clients, so every message waits for those writes:"
                + " keep server.eventLoopThreads above tcp.instances (docs/OPERATIONS.md, Threads and the tail)");
          }
          LoopLayout.turnToSpare(vertx, threads.chat(), threads.tcp());
          udpVerticle = new UdpServerVerticle(node, udpPort::set);
          return vertx.deployVerticle(udpVerticle)
              .recover(e -> bindFailed("UDP", initial.udp().host(), initial.udp().port(), e));
        })
        .compose(id -> {
          udpId = id;
          LOG.info("UDP listening on " + initial.udp().host() + ":" + udpPort.get()
              + " (max datagram " + initial.udp().maxDatagramBytes() + " bytes, address validation "
              + initial.udp().addressValidation() + ", logins " + initial.auth().mode() + ")");
          httpVerticle = new HttpVerticle(initial.http(), health, (PrometheusMeterRegistry) metrics.registry(), node,
              new AdminApi.Node(nodeId, version(), startedAt,
                  () -> membership == null ? List.of(nodeId) : membership.nodes(), config::get, banStore, metrics),
              httpPort::set, managementPort::set);
          LoopLayout.turnToSpare(vertx, broadcast.eventLoop(), loops().tcp());
          return vertx.deployVerticle(httpVerticle)
              .recover(e -> bindFailed("HTTP", initial.http().host(), initial.http().port(), e));
        })
        .map(id -> {
          httpId = id;
          guards.http(httpPort.get(), initial.http().tls().enabled());
          if (initial.http().management().enabled()) {
            guards.management(managementPort.get(), initial.http().tls().enabled());
          }
          String tls = "TLS " + tlsState("http.tls", initial.http().tls());
          String page = initial.http().websocket().enabled() ? "the chat page, " + initial.http().websocket().path()
              + ", logins " + initial.auth().mode() + ", " : "";
          String operated = "/health, /metrics" + (initial.admin().enabled() ? ", /api" : "");
          if (initial.http().management().enabled()) {
            LOG.info("HTTP listening on " + initial.http().host() + ":" + httpPort.get() + " (" + page + tls + ")");
            LOG.info("Management listening on " + initial.http().host() + ":" + managementPort.get() + " ("
                + operated + ", " + tls + ")");
          } else {
            LOG.info("HTTP listening on " + initial.http().host() + ":" + httpPort.get() + " (" + page + operated
                + ", " + tls + ")");
          }
          health.phase(HealthState.Phase.UP);
          watchCertificates(initial);
          return null;
        });
  }

  /** A listener that could not start, named with its address: {@code TCP listener on 0.0.0.0:9001: Address already in use}. */
  private static Future<String> bindFailed(String listener, String host, int port, Throwable cause) {
    return Future.failedFuture(new IllegalStateException(listener + " listener on " + host + ":" + port + ": "
        + cause.getMessage(), cause));
  }

  /** Bans: the cluster's shared map, or a single node's own list (and file); then every node follows them. */
  private Future<Void> startBans() {
    if (membership != null) {
      ClusterBans shared = new ClusterBans(vertx, membership, bans);
      banStore = shared;
      return shared.start();
    }
    LocalBans local = new LocalBans(vertx, bans, config.get().admin().bansFile());
    banStore = local;
    return local.load();
  }

  private static String version() {
    String version = FramechatServer.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }

  /**
   * Stops gracefully, losing no message: readiness goes down at once; the chat drains (it takes no
   * more messages, delivers every message it accepted to every member, then has every TCP and UDP
   * client sent {@code bye} (reason shutdown) at a moment spread over {@code server.drainSeconds});
   * the listeners stop accepting and wait for their clients to go, then the chat and HTTP verticles stop.
   */
  public Future<Void> stop() {
    health.phase(HealthState.Phase.DRAINING);
    vertx.cancelTimer(tlsTimer);
    Future<Void> drained = broadcastId == null ? Future.succeededFuture() : broadcast.drain();
    return drained.eventually(() -> Future.join(undeploy(tcpId), undeploy(udpId)))
        .eventually(() -> undeploy(broadcastId))
        .eventually(() -> undeploy(httpId))
        .andThen(done -> guards.release())
        .mapEmpty();
  }

  /**
   * Puts a new configuration in force. What the running server can take (chat, limits, timeouts,
   * sizes of new connections) applies at once; the keys returned (listeners, cluster, event loops)
   * keep their old value until a restart.
   */
  public List<String> reload(FramechatConfig next) {
    FramechatConfig previous = config.get();
    List<String> needRestart = Reload.restartKeys(previous, next);
    config.set(Reload.keepRestartKeys(previous, next));
    reloadCertificates();
    return needRestart;
  }

  /**
   * Puts the certificate files in force again if the configuration names others or they changed on
   * disk (also checked every few seconds); completes once every listener took them.
   */
  public Future<Void> reloadCertificates() {
    return tls == null ? Future.succeededFuture() : tls.check(config.get());
  }

  /** Reloads certificates when the configuration names other files, or the files change. */
  private void watchCertificates(FramechatConfig initial) {
    if (!initial.tcp().tls().enabled() && !initial.http().tls().enabled()) {
      return;
    }
    tls = new TlsReloader(vertx, initial, List.of(
        new TlsReloader.Listener("tcp.tls", c -> c.tcp().tls(),
            () -> tcpVerticles.stream().<TlsReloader.Updater>map(v -> v::updateTls).toList()),
        new TlsReloader.Listener("http.tls", c -> c.http().tls(), () -> List.of(httpVerticle::updateTls))));
    tlsTimer = vertx.setPeriodic(TlsReloader.CHECK_MS, t -> tls.check(config.get()));
  }

  private Future<Void> undeploy(String id) {
    return id == null ? Future.succeededFuture() : vertx.undeploy(id);
  }

  /** The threads of the chat's and the listeners' event loops (null for a listener not started yet). */
  LoopLayout.Threads loops() {
    return new LoopLayout.Threads(broadcast.eventLoop(), tcpVerticles.stream().map(TcpServerVerticle::eventLoop).toList(),
        udpVerticle == null ? null : udpVerticle.eventLoop(), httpVerticle == null ? null : httpVerticle.eventLoop());
  }

  public int tcpPort() {
    return tcpPort.get();
  }

  public int udpPort() {
    return udpPort.get();
  }

  /** The port of {@code /health}, {@code /metrics} and {@code /api}: the management port when {@code http.management} is on. */
  public int managementPort() {
    return managementPort.get() >= 0 ? managementPort.get() : httpPort.get();
  }

  public int httpPort() {
    return httpPort.get();
  }

  /** The configuration in force. */
  public FramechatConfig config() {
    return config.get();
  }

  public ChatMetrics metrics() {
    return metrics;
  }

  public HealthState health() {
    return health;
  }

  /** {@code off}, or {@code on} and who encrypts ({@code on, BoringSSL}). */
  private static String tlsState(String prefix, TlsOptions tls) {
    return tls.enabled() ? "on, " + Tls.describe(Tls.engine(prefix + ".engine", tls.engine())) : "off";
  }
}
