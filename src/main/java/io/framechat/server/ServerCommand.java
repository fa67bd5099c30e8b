package io.framechat.server;

import io.framechat.cluster.ClusterMembership;
import io.framechat.cluster.HazelcastCluster;
import io.framechat.auth.JwtAuthenticator;
import io.framechat.config.AuthOptions;
import io.framechat.config.ClusterOptions;
import io.framechat.config.ConfigException;
import io.framechat.store.Stores;
import io.framechat.config.ConfigFile;
import io.framechat.config.EnvOverrides;
import io.framechat.config.ConfigLoader;
import io.framechat.config.FramechatConfig;
import io.framechat.config.ServerOptions;
import io.framechat.config.TlsOptions;
import io.framechat.log.Events;
import io.framechat.log.LineFormat;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.Tls;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** {@code framechat server [--config FILE]}: runs a node until SIGTERM or SIGINT. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run the chat server (the default when no subcommand is given).")
public final class ServerCommand implements Callable<Integer> {

  /** Exit code for a configuration that cannot be used (a bad value, a store it names that cannot be opened). */
  public static final int EXIT_CONFIG = 2;
  /** Exit code for a server that could not start (a port in use, ...). */
  public static final int EXIT_START = 1;

  private static final Logger LOG = Logger.getLogger(ServerCommand.class.getName());

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "JSON configuration file; environment variables FRAMECHAT_* override it.")
  String configFile;

  @Option(names = "--cluster", description = "Join a cluster (as cluster.enabled = true).")
  boolean cluster;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    FramechatConfig config;
    try {
      config = loadConfig();
    } catch (ConfigException e) {
      err.println("framechat: bad configuration: " + e.getMessage());
      return EXIT_CONFIG;
    }
    if (config.server().logFormat() == ServerOptions.LogFormat.JSON) {
      LineFormat.use(LineFormat.json());
    }
    String version = FramechatServer.class.getPackage().getImplementationVersion();
    Events.info(LOG, "framechat " + (version != null ? version : "dev") + " starting with "
        + (configFile != null ? "configuration " + configFile : "the defaults") + " and the environment",
        "version", version, "config", configFile);
    PrometheusMeterRegistry registry = ChatMetrics.newRegistry();
    VertxOptions vertxOptions = new VertxOptions().setPreferNativeTransport(true)
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    VertxMetricsFactory metricsFactory = new MicrometerMetricsFactory(registry);
    if (config.server().eventLoopThreads() > 0) {
      vertxOptions.setEventLoopPoolSize(config.server().eventLoopThreads());
    }
    Vertx vertx;
    ClusterMembership membership = null;
    try {
      if (config.cluster().enabled()) {
        long joining = System.nanoTime();
        HazelcastCluster.Started started = HazelcastCluster.start(vertxOptions, metricsFactory, config.cluster(), config.chat())
            .await();
        vertx = started.vertx();
        membership = started.membership();
        LOG.info("cluster \"" + config.cluster().name() + "\" joined in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joining) + " ms as node " + membership.nodeId()
            + " on " + config.cluster().host() + ":" + config.cluster().port() + ", "
            + membership.nodes().size() + " members");
      } else {
        vertx = Vertx.builder().with(vertxOptions).withMetrics(metricsFactory).build();
      }
    } catch (Exception e) {
      err.println("framechat: cannot join the cluster: " + e.getMessage());
      return EXIT_START;
    }
    OutOfMemory.exitOn(vertx);
    LOG.info("transport: " + (vertx.isNativeTransportEnabled() ? "native epoll" : "NIO ("
        + vertx.unavailableNativeTransportCause() + ")"));
    FramechatServer server;
    try {
      server = FramechatServer.start(vertx, config, membership, registry).await();
    } catch (Exception e) {
      err.println("framechat: cannot start: " + e.getMessage());
      vertx.close().await();
      return configurationsToFix(e) ? EXIT_CONFIG : EXIT_START;
    }
    if (configFile != null) {
      ConfigWatcher.start(vertx, configFile, overrides(), server, event -> { })
          .onFailure(e -> LOG.warning("not watching " + configFile + " for changes: " + e.getMessage()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Signals.onTerminate(() -> {
      try {
        LOG.info("shutting down: draining clients");
        server.stop().await(30, TimeUnit.SECONDS);
      } catch (Throwable e) {
        LOG.warning("draining did not complete cleanly: " + e);
      }
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
        LOG.info("stopped");
      } catch (Throwable e) {
        LOG.warning("closing did not complete cleanly: " + e);
      } finally {
        stopped.countDown();
      }
    });
    awaitUninterruptibly(stopped);
    return 0;
  }

  /** A store that cannot be opened (the database it names, its file) is the configuration's to fix, as a bad value is. */
  private static boolean configurationsToFix(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof Stores.StoreUnavailable || cause instanceof ConfigException) {
        return true;
      }
    }
    return false;
  }

  private FramechatConfig loadConfig() {
    if (configFile != null) {
      ConfigFile.check(Path.of(configFile));
    }
    EnvOverrides.unknown(System.getenv(), FramechatConfig.DEFAULTS.toJson()).forEach(name ->
        LOG.warning("unknown environment variable " + name + " is ignored: no configuration key answers to it"));
    Vertx loader = Vertx.vertx();
    try {
      FramechatConfig config = ConfigLoader.load(loader, configFile, overrides(), LOG::warning).await(30, TimeUnit.SECONDS);
      // certificate files are read now, so that a missing or broken one is a bad configuration
      if (config.tcp().tls().enabled()) {
        Tls.serverOptions(loader, "tcp.tls", config.tcp().tls());
        Tls.engine("tcp.tls.engine", config.tcp().tls().engine());
      }
      if (config.http().tls().enabled()) {
        Tls.serverOptions(loader, "http.tls", config.http().tls());
        Tls.engine("http.tls.engine", config.http().tls().engine());
      }
      if (config.cluster().enabled() && config.cluster().tls().enabled()) {
        ClusterOptions.Tls bus = config.cluster().tls();
        Tls.serverOptions(loader, "cluster.tls", new TlsOptions(true, bus.certPath(), bus.keyPath(), bus.caPath(),
            TlsOptions.ClientAuth.REQUIRED, TlsOptions.Engine.JDK));
      }
      if (config.auth().mode() == AuthOptions.Mode.JWT) {
        JwtAuthenticator.create(loader, config.auth()::jwt);
      }
      return config;
    } catch (ConfigException e) {
      throw e;
    } catch (DecodeException e) {
      throw new ConfigException(String.valueOf(configFile), "not valid JSON: " + firstLine(e.getMessage()));
    } catch (Exception e) {
      throw new ConfigException(String.valueOf(configFile), "cannot be read: " + firstLine(String.valueOf(e.getMessage())));
    } finally {
      loader.close();
    }
  }

  /** What the command line sets, over the file and the environment (at start and at every reload). */
  private JsonObject overrides() {
    JsonObject overrides = new JsonObject();
    if (cluster) {
      overrides.put(ClusterOptions.SECTION, new JsonObject().put("enabled", true));
    }
    return overrides;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException ignored) {
        // keep waiting: only a signal ends the server
      }
    }
  }
}
