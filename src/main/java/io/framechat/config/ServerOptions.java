package io.framechat.config;

import io.vertx.core.json.JsonObject;

/**
 * The process as a whole, the {@code server} section.
 *
 * @param eventLoopThreads event-loop threads; 0 = Vert.x's default, two per CPU core
 * @param drainSeconds how long a stopping server gives its clients to take their {@code bye}
 *     (Kubernetes' grace period must be longer)
 */
public record ServerOptions(int eventLoopThreads, int drainSeconds) {

  public static final String SECTION = "server";
  public static final int DEFAULT_EVENT_LOOP_THREADS = 0;
  public static final int DEFAULT_DRAIN_SECONDS = 10;

  public static final ServerOptions DEFAULTS = new ServerOptions(DEFAULT_EVENT_LOOP_THREADS, DEFAULT_DRAIN_SECONDS);

  public ServerOptions {
    Checks.range("server.eventLoopThreads", eventLoopThreads, 0, 1024);
    Checks.range("server.drainSeconds", drainSeconds, 0, 3600);
  }

  public static ServerOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, ServerOptions.class);
  }
}
