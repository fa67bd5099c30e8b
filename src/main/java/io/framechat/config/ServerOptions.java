package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** Options of the process as a whole, the {@code server} section. */
public final class ServerOptions extends JsonSection {

  public static final String SECTION = "server";
  /** Event-loop threads; 0 = Vert.x's default, two per CPU core. */
  public static final int DEFAULT_EVENT_LOOP_THREADS = 0;

  private int eventLoopThreads = DEFAULT_EVENT_LOOP_THREADS;

  public ServerOptions() {
  }

  public ServerOptions(ServerOptions other) {
    this(other.toJson());
  }

  public ServerOptions(JsonObject json) {
    setEventLoopThreads(JsonFields.getInt(json, SECTION, "eventLoopThreads", eventLoopThreads));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("eventLoopThreads", eventLoopThreads);
  }

  public int getEventLoopThreads() {
    return eventLoopThreads;
  }

  public ServerOptions setEventLoopThreads(int eventLoopThreads) {
    this.eventLoopThreads = JsonFields.range(SECTION + ".eventLoopThreads", eventLoopThreads, 0, 1024);
    return this;
  }
}
