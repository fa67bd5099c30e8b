package io.framechat.server;

import io.framechat.config.ConfigException;
import io.framechat.config.ConfigLoader;
import io.framechat.config.FramechatConfig;
import io.vertx.config.ConfigRetriever;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Consumer;
import io.vertx.core.json.DecodeException;
import java.util.logging.Logger;

/**
 * Watches the configuration file (vertx-config scans it every second) and puts each valid change
 * in force without a restart. A change to a listener, the event loops or the cluster is logged as
 * needing a restart; a file that does not parse, or holds a bad value, is rejected with one log line
 * and the running configuration stays.
 */
public final class ConfigWatcher {

  /** What happened to a change of the file. */
  public sealed interface Event {
    /** Applied; {@code needRestart} lists the keys that keep their old value until a restart. */
    record Applied(FramechatConfig config, List<String> needRestart) implements Event {
    }

    record Rejected(String reason) implements Event {
    }
  }

  private static final Logger LOG = Logger.getLogger(ConfigWatcher.class.getName());
  /**
   * vertx-config logs a stack trace at every scan of a file that is not valid JSON; this class logs
   * one line instead, so that record (and only it) is filtered out of the retriever's log.
   */
  private static final Logger SCAN_LOG = Logger.getLogger("io.vertx.config.impl.ConfigRetrieverImpl");

  private final String file;
  private final FramechatServer server;
  private final Consumer<Event> events;
  private final ConfigRetriever retriever;
  private String lastProblem;

  private ConfigWatcher(Vertx vertx, String file, JsonObject overrides, FramechatServer server, Consumer<Event> events) {
    this.file = file;
    this.server = server;
    this.events = events;
    this.retriever = ConfigLoader.retriever(vertx, file, overrides);
  }

  /**
   * Starts watching {@code file}; {@code overrides} are the command line's, applied to every reload
   * as at start-up; {@code events} hears of every change applied or rejected.
   */
  public static Future<ConfigWatcher> start(Vertx vertx, String file, JsonObject overrides, FramechatServer server,
      Consumer<Event> events) {
    SCAN_LOG.setFilter(record -> !(record.getThrown() instanceof DecodeException
        || (record.getThrown() != null && record.getThrown().getCause() instanceof DecodeException)));
    ConfigWatcher watcher = new ConfigWatcher(vertx, file, overrides, server, events);
    return watcher.retriever.getConfig().map(initial -> {
      watcher.retriever.listen(change -> watcher.changed(change.getNewConfiguration()));
      watcher.retriever.configStream().exceptionHandler(watcher::unreadable);
      return watcher;
    });
  }

  public Future<Void> stop() {
    return retriever.close();
  }

  private void changed(JsonObject json) {
    lastProblem = null;
    FramechatConfig next;
    try {
      next = ConfigLoader.parse(json, LOG::warning);
    } catch (ConfigException e) {
      reject(e.getMessage());
      return;
    }
    List<String> changed = Reload.changedKeys(server.config(), next);
    List<String> needRestart = server.reload(next);
    LOG.info("configuration reloaded from " + file
        + (changed.isEmpty() ? ": nothing changed" : ": changed " + String.join(", ", changed))
        + (needRestart.isEmpty() ? "" : "; needs restart to change " + String.join(", ", needRestart)));
    events.accept(new Event.Applied(server.config(), needRestart));
  }

  private void unreadable(Throwable problem) {
    String reason = problem instanceof ConfigException ? problem.getMessage()
        : "not valid JSON: " + firstLine(String.valueOf(problem.getMessage()));
    if (!reason.equals(lastProblem)) {
      lastProblem = reason;
      reject(reason);
    }
  }

  private void reject(String reason) {
    LOG.warning("configuration in " + file + " rejected, the running one stays: " + reason);
    events.accept(new Event.Rejected(reason));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
