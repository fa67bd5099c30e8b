package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changing the configuration file while the server runs. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ConfigReloadTest {

  private final BlockingQueue<ConfigWatcher.Event> events = new LinkedBlockingQueue<>();

  private ConfigWatcher.Event nextEvent() throws InterruptedException {
    ConfigWatcher.Event event = events.poll(15, TimeUnit.SECONDS);
    assertNotNull(event, "no reload event");
    return event;
  }

  private static void write(Path file, JsonObject json) throws Exception {
    Path next = file.resolveSibling("next.json");
    Files.writeString(next, json.encodePrettily());
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Sends {@code count} messages at once; returns how many were refused with rate_limited. */
  private static int refused(TestClient client, int count) {
    for (int i = 0; i < count; i++) {
      client.send("m" + i);
    }
    int refused = 0;
    for (int answered = 0; answered < count; ) {
      JsonObject frame = client.next();
      if ("message".equals(frame.getString("type"))) {
        answered++;
      } else if ("error".equals(frame.getString("type")) && "rate_limited".equals(frame.getString("code"))) {
        answered++;
        refused++;
      }
    }
    return refused;
  }

  @Test
  @DisplayName("a new rate limit in the file applies without a restart; a broken file is rejected and a port change needs a restart")
  void reload_applies_limits_and_rejects_bad_files(Vertx vertx, @TempDir Path dir) throws Exception {
    JsonObject json = TestServers.config().toJson();
    Path file = dir.resolve("config.json");
    write(file, json);
    FramechatServer server = TestServers.start(vertx);
    ConfigWatcher watcher = ConfigWatcher.start(vertx, file.toString(), new JsonObject(), server, events::add).await(10, TimeUnit.SECONDS);
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    assertEquals(0, refused(client, 10));

    json.getJsonObject("limits").put("messagesPerSecond", 1).put("burst", 3);
    write(file, json);
    ConfigWatcher.Event.Applied applied = assertInstanceOf(ConfigWatcher.Event.Applied.class, nextEvent());
    assertEquals(List.of(), applied.needRestart());
    assertEquals(3, server.config().limits().burst());
    TestClient fresh = TestClient.tcp(vertx, server.tcpPort());
    long start = System.nanoTime();
    int refusedNow = refused(fresh, 10);
    // a burst of 3, then at most one token a second for however long the exchange took
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(refusedNow <= 7 && refusedNow >= 7 - seconds, refusedNow + " refused in " + seconds + " s");

    Files.writeString(file, "{ \"limits\": ");
    ConfigWatcher.Event.Rejected broken = assertInstanceOf(ConfigWatcher.Event.Rejected.class, nextEvent());
    assertTrue(broken.reason().startsWith("not valid JSON"), broken.reason());
    assertEquals(3, server.config().limits().burst());

    json.getJsonObject("limits").put("burst", -1);
    write(file, json);
    ConfigWatcher.Event.Rejected bad = assertInstanceOf(ConfigWatcher.Event.Rejected.class, nextEvent());
    assertTrue(bad.reason().startsWith("limits.burst"), bad.reason());
    assertEquals(3, server.config().limits().burst());

    json.getJsonObject("limits").put("burst", 50);
    json.getJsonObject("tcp").put("port", 1);
    write(file, json);
    ConfigWatcher.Event.Applied restart = assertInstanceOf(ConfigWatcher.Event.Applied.class, nextEvent());
    assertEquals(List.of("tcp.port"), restart.needRestart());
    assertEquals(50, server.config().limits().burst());
    assertEquals(0, server.config().tcp().port());
    watcher.stop().await(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a key set on the command line (--cluster) holds through reloads and needs no restart")
  void command_line_keys_hold_through_reloads(Vertx vertx, @TempDir Path dir) throws Exception {
    JsonObject json = TestServers.json();
    Path file = dir.resolve("config.json");
    write(file, json);
    JsonObject commandLine = new JsonObject().put("cluster", new JsonObject().put("enabled", true));
    FramechatServer server = TestServers.start(vertx, commandLine);
    ConfigWatcher watcher = ConfigWatcher.start(vertx, file.toString(), commandLine, server, events::add)
        .await(10, TimeUnit.SECONDS);
    json.getJsonObject("limits").put("burst", 7);
    write(file, json);
    ConfigWatcher.Event.Applied applied = assertInstanceOf(ConfigWatcher.Event.Applied.class, nextEvent());
    assertEquals(List.of(), applied.needRestart());
    assertEquals(7, server.config().limits().burst());
    assertTrue(server.config().cluster().enabled());
    watcher.stop().await(5, TimeUnit.SECONDS);
  }
}
