package io.framechat.testing;

import io.framechat.config.FramechatConfig;
import io.framechat.server.FramechatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;

/** Starts in-process servers on 127.0.0.1 with every port 0 (any free port). */
public final class TestServers {

  private TestServers() {
  }

  /**
   * A configuration with loopback hosts, free ports, two TCP instances, a 1-second drain and no
   * practical flood limit (tests of flood control set their own).
   */
  public static FramechatConfig config() {
    return new FramechatConfig(new JsonObject()
        .put("tcp", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("udp", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("server", new JsonObject().put("drainSeconds", 1))
        .put("limits", new JsonObject().put("messagesPerSecond", 1_000_000).put("burst", 1_000_000)));
  }

  public static FramechatServer start(Vertx vertx) {
    return start(vertx, config -> { });
  }

  /** Starts a server with {@link #config()} changed by {@code changes}. */
  public static FramechatServer start(Vertx vertx, Consumer<FramechatConfig> changes) {
    FramechatConfig config = config();
    changes.accept(config);
    return TestClient.await(FramechatServer.start(vertx, config));
  }
}
