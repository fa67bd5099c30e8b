package io.framechat.testing;

import io.framechat.config.FramechatConfig;
import io.framechat.server.FramechatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Starts in-process servers on 127.0.0.1 with every port 0 (any free port). */
public final class TestServers {

  private TestServers() {
  }

  /**
   * A configuration with loopback hosts, free ports, two TCP instances, a 1-second drain, no
   * practical flood limit (tests of flood control set their own) and history in memory only (tests
   * of the store name theirs), as JSON.
   */
  public static JsonObject json() {
    return new JsonObject()
        .put("tcp", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("server", new JsonObject().put("drainSeconds", 1))
        .put("limits", new JsonObject().put("messagesPerSecond", 1_000_000).put("burst", 1_000_000))
        .put("store", new JsonObject().put("kind", "memory"));
  }

  /** {@link #json()} bound. */
  public static FramechatConfig config() {
    return config(new JsonObject());
  }

  /** {@link #json()} with {@code changes} merged in (section by section). */
  public static FramechatConfig config(JsonObject changes) {
    return FramechatConfig.fromJson(json().mergeIn(changes, true));
  }

  public static FramechatServer start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  /** Starts a server with {@link #json()} changed by {@code changes}, as {@code {"chat":{"historySize":5}}}. */
  public static FramechatServer start(Vertx vertx, JsonObject changes) {
    return TestClient.await(FramechatServer.start(vertx, config(changes)));
  }

  /** {@code {"SECTION":{"KEY":VALUE}}}: one change, for {@link #start(Vertx, JsonObject)}. */
  public static JsonObject set(String section, String key, Object value) {
    return new JsonObject().put(section, new JsonObject().put(key, value));
  }
}
