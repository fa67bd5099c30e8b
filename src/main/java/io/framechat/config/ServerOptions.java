package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * The process as a whole, the {@code server} section.
 *
 * @param eventLoopThreads event-loop threads; 0 = Vert.x's default, two per CPU core
 * @param drainSeconds how long a stopping server gives its clients to take their {@code bye}
 *     (Kubernetes' grace period must be longer)
 * @param logFormat {@code text}, one readable line a record, or {@code json}, one JSON object a line
 *     (for log shippers)
 * @param logConnections whether each client's connect and disconnect is logged (at INFO)
 */
public record ServerOptions(int eventLoopThreads, int drainSeconds, LogFormat logFormat, boolean logConnections) {

  /** How log records are written: {@code text} or {@code json}. */
  public enum LogFormat {
    TEXT, JSON;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }


  public static final String SECTION = "server";
  public static final int DEFAULT_EVENT_LOOP_THREADS = 0;
  public static final int DEFAULT_DRAIN_SECONDS = 10;
  public static final LogFormat DEFAULT_LOG_FORMAT = LogFormat.TEXT;
  public static final boolean DEFAULT_LOG_CONNECTIONS = true;

  public static final ServerOptions DEFAULTS = new ServerOptions(DEFAULT_EVENT_LOOP_THREADS, DEFAULT_DRAIN_SECONDS,
      DEFAULT_LOG_FORMAT, DEFAULT_LOG_CONNECTIONS);

  public ServerOptions {
    Checks.range("server.eventLoopThreads", eventLoopThreads, 0, 1024);
    Checks.range("server.drainSeconds", drainSeconds, 0, 3600);
  }

  public static ServerOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, ServerOptions.class);
  }
}
