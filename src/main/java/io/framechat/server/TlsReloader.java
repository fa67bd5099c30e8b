package io.framechat.server;

import io.framechat.config.ConfigException;
import io.framechat.config.FramechatConfig;
import io.framechat.config.TlsOptions;
import io.framechat.net.Tls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ServerSSLOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Puts renewed certificates in force without dropping a connection: when the configuration names
 * other files, and when the files themselves change (looked at every {@value #CHECK_MS} ms). New
 * connections get the new certificate; open ones keep theirs. A file that does not load is refused
 * with one log line, and the listener keeps what it had.
 */
final class TlsReloader {

  static final long CHECK_MS = 5000;
  private static final Logger LOG = Logger.getLogger(TlsReloader.class.getName());

  /** Hands new TLS options to one listener instance. */
  interface Updater {
    Future<Boolean> update(ServerSSLOptions options);
  }

  /** One TLS listener: its section name, its options in the configuration, and its instances. */
  record Listener(String prefix, Function<FramechatConfig, TlsOptions> options, Supplier<List<Updater>> instances) {
  }

  private final Vertx vertx;
  private final List<Listener> listeners;
  private final Map<String, TlsOptions> applied = new HashMap<>();
  private final Map<String, String> stamps = new HashMap<>();

  TlsReloader(Vertx vertx, FramechatConfig initial, List<Listener> listeners) {
    this.vertx = vertx;
    this.listeners = listeners;
    for (Listener listener : listeners) {
      TlsOptions tls = listener.options().apply(initial);
      applied.put(listener.prefix(), tls);
      stamps.put(listener.prefix(), stamp(tls));
    }
  }

  /** Reloads what changed, in the configuration or on disk; completes when every listener answered. */
  Future<Void> check(FramechatConfig config) {
    List<Future<Boolean>> updates = new ArrayList<>();
    for (Listener listener : listeners) {
      TlsOptions tls = listener.options().apply(config);
      String stamp = stamp(tls);
      if (!tls.enabled() || (tls.equals(applied.get(listener.prefix())) && stamp.equals(stamps.get(listener.prefix())))) {
        continue;
      }
      applied.put(listener.prefix(), tls);
      stamps.put(listener.prefix(), stamp);
      ServerSSLOptions options;
      try {
        options = Tls.serverOptions(vertx, listener.prefix(), tls);
      } catch (ConfigException e) {
        LOG.warning("new certificates refused, the running ones stay: " + e.getMessage());
        continue;
      }
      for (Updater instance : listener.instances().get()) {
        updates.add(instance.update(options));
      }
      LOG.info(listener.prefix() + ": certificates reloaded from " + tls.certPath());
    }
    return Future.join(updates).mapEmpty();
  }

  /** When and how big each file was, to see a change. */
  private static String stamp(TlsOptions tls) {
    if (!tls.enabled()) {
      return "";
    }
    StringBuilder stamp = new StringBuilder();
    for (String file : Tls.files(tls)) {
      try {
        Path path = Path.of(file);
        stamp.append(Files.getLastModifiedTime(path).toMillis()).append('/').append(Files.size(path)).append(';');
      } catch (IOException e) {
        stamp.append("missing;");
      }
    }
    return stamp.toString();
  }
}
