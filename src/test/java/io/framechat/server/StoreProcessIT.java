package io.framechat.server;

import io.framechat.testing.Health;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar keeping history in a real database across what happens to processes: {@code kill -9} and
 * a restart (quiet, and under load), PostgreSQL stopped for seconds while people chat, and a
 * database left at the previous schema version.
 */
@Timeout(180)
class StoreProcessIT {

  private final Vertx vertx = Vertx.vertx();
  private final List<ServerProcess> started = new ArrayList<>();
  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    started.forEach(ServerProcess::close);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private Map<String, String> sqlite() {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_STORE_KIND", "sqlite");
    env.put("FRAMECHAT_STORE_PATH", dir.resolve("data/framechat.db").toString());
    env.put("FRAMECHAT_LIMITS_MESSAGES_PER_SECOND", "100000");
    env.put("FRAMECHAT_LIMITS_BURST", "100000");
    return env;
  }

  private ServerProcess start(Map<String, String> env) {
    ServerProcess node = ServerProcess.start(env);
    started.add(node);
    return node.awaitListening();
  }

  /** The messages of the replay ending with {@code recovered}, that frame last. */
  private static List<JsonObject> replay(TestClient client) {
    List<JsonObject> frames = new ArrayList<>();
    while (true) {
      JsonObject frame = client.next();
      String type = frame.getString("type");
      if ("message".equals(type) || "recovered".equals(type)) {
        frames.add(frame);
      }
      if ("recovered".equals(type)) {
        return frames;
      }
    }
  }

  private static JsonObject resume(String room, long seq, String epoch) {
    return new JsonObject().put("type", "hello")
        .put("resume", new JsonObject().put(room, new JsonObject().put("seq", seq).put("epoch", epoch)));
  }

  @Test
  void kill_9_keeps_history_epoch_and_seq() throws Exception {
    ServerProcess node = start(sqlite());
    TestClient ann = TestClient.tcp(vertx, node.tcpPort()).hello("ann").join("dev");
    String epoch = null;
    for (int i = 1; i <= 20; i++) {
      ann.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "m" + i));
      epoch = ann.nextOfType("message").getString("epoch");
    }
    Health.awaitStore(vertx, node, Health::writtenAndGivenBack, "the messages written and the seqs given back once quiet");
    node.kill();
    node.awaitExit();

    ServerProcess again = start(sqlite());
    TestClient back = TestClient.tcp(vertx, again.tcpPort());
    back.send(resume("dev", 10, epoch));
    List<JsonObject> replay = replay(back);
    JsonObject recovered = replay.remove(replay.size() - 1);
    assertTrue(recovered.getBoolean("recovered"), recovered.encode());
    assertEquals(LongStream.rangeClosed(11, 20).boxed().toList(), replay.stream().map(m -> m.getLong("seq")).toList());
    back.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "after"));
    JsonObject next = back.nextOfType("message");
    assertEquals(21, next.getLong("seq"), "no gap after a quiet crash");
    assertEquals(epoch, next.getString("epoch"));
  }

  @Test
  void no_seq_names_two_messages_after_a_kill_9_under_load() throws Exception {
    ServerProcess node = start(sqlite());
    TestClient ann = TestClient.tcp(vertx, node.tcpPort()).hello("ann").join("dev");
    ann.chatter(vertx, "dev", 5000);
    Map<Long, String> seen = new HashMap<>();
    String epoch = null;
    while (seen.size() < 500) {
      JsonObject message = ann.nextOfType("message");
      seen.put(message.getLong("seq"), message.getString("text"));
      epoch = message.getString("epoch");
    }
    node.kill();
    node.awaitExit();
    long lastSeen = seen.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

    ServerProcess again = start(sqlite());
    TestClient back = TestClient.tcp(vertx, again.tcpPort());
    back.send(resume("dev", lastSeen, epoch));
    List<JsonObject> replay = replay(back);
    assertFalse(replay.get(replay.size() - 1).getBoolean("recovered"),
        "what came after the last seq seen may have been given out unwritten: not recovered");
    back.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "after the crash"));
    JsonObject next = back.nextOfType("message");
    assertEquals(epoch, next.getString("epoch"));
    assertTrue(next.getLong("seq") > lastSeen, "goes on past every seq given out: " + next.getLong("seq"));
    // every message the store kept has the text it was seen with
    long before = next.getLong("seq");
    int compared = 0;
    while (before > 1) {
      back.send(new JsonObject().put("type", "history").put("room", "dev").put("before", before).put("limit", 200));
      List<JsonObject> page = replay(back);
      JsonObject end = page.remove(page.size() - 1);
      for (JsonObject message : page) {
        String text = seen.get(message.getLong("seq"));
        if (text != null) {
          assertEquals(text, message.getString("text"), "seq " + message.getLong("seq") + " names one message");
          compared++;
        }
      }
      if (!end.getBoolean("more")) {
        break;
      }
      before = end.getLong("first");
    }
    assertTrue(compared > 0);
    System.out.printf("kill -9 under load: %d messages seen, the last seq %d; after the restart the room goes on at %d;"
        + " %d seen messages compared with the store%n", seen.size(), lastSeen, next.getLong("seq"), compared);
  }

  @Test
  void postgres_stopped_while_chatting_loses_nothing() throws Exception {
    try (TestPostgres postgres = TestPostgres.start()) {
      Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
      env.putAll(postgres.storeEnv());
      env.put("FRAMECHAT_CHAT_HISTORY_SIZE", "10");
      env.put("FRAMECHAT_LIMITS_MESSAGES_PER_SECOND", "100000");
      env.put("FRAMECHAT_LIMITS_BURST", "100000");
      ServerProcess node = start(env);
      TestClient ann = TestClient.tcp(vertx, node.tcpPort()).hello("ann").join("dev");
      int said = 0;
      String epoch = null;
      for (; said < 20; said++) {
        ann.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "m" + (said + 1)));
        epoch = ann.nextOfType("message").getString("epoch");
      }
      postgres.stopServer();
      for (; said < 120; said++) {
        ann.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "m" + (said + 1)));
        assertEquals(said + 1, ann.nextOfType("message").getLong("seq"), "chat goes on live");
      }
      Health.awaitStore(vertx, node, store -> !store.getBoolean("up"), "the outage shows in /health");
      assertTrue(Health.of(node).getBoolean("ready", true), "still ready");
      ann.send(new JsonObject().put("type", "history").put("room", "dev").put("since", 1).put("epoch", epoch));
      assertEquals("store_unavailable", ann.nextOfType("error").getString("code"));
      vertx.timer(3000).await(10, TimeUnit.SECONDS); // the outage lasts about 5 s in all
      postgres.startServer();
      Health.awaitStore(vertx, node, store -> store.getBoolean("up") && store.getInteger("waiting") == 0,
          "everything written once the database is back");
      TestClient reader = TestClient.tcp(vertx, node.tcpPort()).hello("reader").join("dev");
      for (long seq = 111; seq <= 120; seq++) {
        assertEquals(seq, reader.nextOfType("message").getLong("seq"), "the join replays what memory holds");
      }
      reader.send(new JsonObject().put("type", "history").put("room", "dev").put("since", 0).put("epoch", epoch));
      List<JsonObject> all = replay(reader);
      assertTrue(all.remove(all.size() - 1).getBoolean("recovered"));
      assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), all.stream().map(m -> m.getLong("seq")).toList());
      assertEquals(1, node.output().stream().filter(line -> line.contains("cannot be written")).count(),
          "one line for the outage: " + node.output());
      assertTrue(node.output().stream().anyMatch(line -> line.contains("can be written again")));
    }
  }

  @Test
  void an_unreachable_database_stops_start_up_with_exit_code_2() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_STORE_KIND", "postgres");
    env.put("FRAMECHAT_STORE_POSTGRES_URL", "postgresql://127.0.0.1:" + port + "/framechat");
    env.put("FRAMECHAT_STORE_STARTUP_TIMEOUT_SECONDS", "2");
    ServerProcess node = ServerProcess.start(env);
    started.add(node);
    assertEquals(2, node.awaitExit(), String.join("\n", node.output()));
    List<String> refusals = node.output().stream().filter(line -> line.contains("cannot start")).toList();
    assertEquals(1, refusals.size(), String.join("\n", node.output()));
    assertTrue(refusals.get(0).contains("PostgreSQL at postgresql://127.0.0.1:" + port + "/framechat (store.postgres.url)"
        + " cannot be reached"), refusals.get(0));
  }

  @Test
  void sqlite_in_a_cluster_is_refused_at_start() throws Exception {
    Map<String, String> env = sqlite();
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", "refused-" + System.nanoTime());
    ServerProcess node = ServerProcess.start(env);
    started.add(node);
    assertEquals(2, node.awaitExit(), String.join("\n", node.output()));
    List<String> refusals = node.output().stream().filter(line -> line.contains("cannot be shared by a cluster")).toList();
    assertEquals(1, refusals.size(), String.join("\n", node.output()));
    assertTrue(refusals.get(0).contains("store.kind") && refusals.get(0).contains("use postgres or memory"),
        refusals.get(0));
  }

  @Test
  void a_database_at_the_previous_schema_version_is_migrated() throws Exception {
    Path file = dir.resolve("data/framechat.db");
    java.nio.file.Files.createDirectories(file.getParent());
    String url = "jdbc:sqlite:" + file;
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("1").load().migrate();
    try (Connection db = DriverManager.getConnection(url); Statement sql = db.createStatement()) {
      sql.execute("INSERT INTO rooms (name, epoch, reserved) VALUES ('old', 'e0', 2)");
      sql.execute("INSERT INTO messages VALUES ('old', 'e0', 1, 'a', 'ann', 'kept by the last release', 1)");
      sql.execute("INSERT INTO messages VALUES ('old', 'e0', 2, 'b', 'bob', 'and this', 2)");
    }
    ServerProcess node = start(sqlite());
    assertTrue(node.output().stream().anyMatch(line -> line.contains("Migrating schema") && line.contains("2")),
        String.join("\n", node.output()));
    TestClient back = TestClient.tcp(vertx, node.tcpPort());
    back.send(resume("old", 0, "e0"));
    List<JsonObject> replay = replay(back);
    assertTrue(replay.remove(replay.size() - 1).getBoolean("recovered"));
    assertEquals(List.of("kept by the last release", "and this"), replay.stream().map(m -> m.getString("text")).toList());
    try (Connection db = DriverManager.getConnection(url); Statement sql = db.createStatement()) {
      try (ResultSet version = sql.executeQuery("SELECT MAX(version) FROM flyway_schema_history")) {
        version.next();
        assertEquals("7", version.getString(1), "migrated to this release's schema (V7)");
      }
      try (ResultSet rows = sql.executeQuery("SELECT (SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM message_blocks)")) {
        rows.next();
        assertEquals(List.of(0, 1), List.of(rows.getInt(1), rows.getInt(2)), "the two rows moved into one block");
      }
    }
  }
}
