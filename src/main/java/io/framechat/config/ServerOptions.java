package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** Options of the process as a whole, the {@code server} section. */
public final class ServerOptions extends JsonSection {

  public static final String SECTION = "server";
  /** Event-loop threads; 0 = Vert.x's default, two per CPU core. */
  public static final int DEFAULT_EVENT_LOOP_THREADS = 0;

  /**
   * Seconds a stopping server gives its clients: readiness goes down at once, every client is sent
   * {@code bye} (reason shutdown) and closed within this time. Kubernetes' grace period must be longer.
   */
  public static final int DEFAULT_DRAIN_SECONDS = 10;

  private int eventLoopThreads = DEFAULT_EVENT_LOOP_THREADS;
  private int drainSeconds = DEFAULT_DRAIN_SECONDS;

  public ServerOptions() {
  }

  public ServerOptions(ServerOptions other) {
    this(other.toJson());
  }

  public ServerOptions(JsonObject json) {
    setEventLoopThreads(JsonFields.getInt(json, SECTION, "eventLoopThreads", eventLoopThreads));
    setDrainSeconds(JsonFields.getInt(json, SECTION, "drainSeconds", drainSeconds));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("eventLoopThreads", eventLoopThreads).put("drainSeconds", drainSeconds);
  }

  public int getEventLoopThreads() {
    return eventLoopThreads;
  }

  public ServerOptions setEventLoopThreads(int eventLoopThreads) {
    this.eventLoopThreads = JsonFields.range(SECTION + ".eventLoopThreads", eventLoopThreads, 0, 1024);
    return this;
  }

  public int getDrainSeconds() {
    return drainSeconds;
  }

  public ServerOptions setDrainSeconds(int drainSeconds) {
    this.drainSeconds = JsonFields.range(SECTION + ".drainSeconds", drainSeconds, 0, 3600);
    return this;
  }
}
