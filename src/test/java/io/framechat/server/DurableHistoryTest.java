package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History kept in SQLite across a server's restarts, over real sockets: the room's epoch and seq go
 * on, a resume from before the restart recovers everything, what memory no longer holds comes from
 * the store, and scrollback pages reach the first message.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class DurableHistoryTest {

  @TempDir
  Path dir;

  private JsonObject sqlite(int memory) {
    return new JsonObject()
        .put("store", new JsonObject().put("kind", "sqlite").put("path", dir.resolve("data/chat.db").toString())
            .put("flushMillis", 5))
        .put("chat", new JsonObject().put("historySize", memory));
  }

  private static void say(TestClient client, String room, String text) {
    client.send(new JsonObject().put("type", "say").put("room", room).put("text", text));
  }

  /** The messages of the replay that ends with {@code recovered}, and that frame last. */
  private static List<JsonObject> replay(TestClient client) {
    List<JsonObject> frames = new ArrayList<>();
    while (true) {
      JsonObject frame = client.next();
      if ("message".equals(frame.getString("type")) || "recovered".equals(frame.getString("type"))) {
        frames.add(frame);
      }
      if ("recovered".equals(frame.getString("type"))) {
        return frames;
      }
    }
  }

  private static void stop(FramechatServer server) throws Exception {
    server.stop().await(30, TimeUnit.SECONDS);
  }

  @Test
  void a_restart_keeps_history_epoch_and_seq(Vertx vertx) throws Exception {
    FramechatServer first = TestServers.start(vertx, sqlite(100));
    TestClient ann = TestClient.tcp(vertx, first.tcpPort()).hello("ann").join("dev");
    List<String> texts = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      texts.add("m" + i + " '\"; DROP TABLE rooms; -- \\ 世界 👋");
      say(ann, "dev", texts.get(i - 1));
    }
    String epoch = null;
    for (int i = 0; i < 30; i++) {
      JsonObject message = ann.nextOfType("message");
      epoch = message.getString("epoch");
      assertEquals(i + 1, message.getLong("seq"));
    }
    stop(first);

    FramechatServer second = TestServers.start(vertx, sqlite(100));
    TestClient back = TestClient.tcp(vertx, second.tcpPort());
    back.send(new JsonObject().put("type", "hello").put("nick", "ann")
        .put("resume", new JsonObject().put("dev", new JsonObject().put("seq", 10).put("epoch", epoch))));
    List<JsonObject> replay = replay(back);
    JsonObject recovered = replay.remove(replay.size() - 1);
    assertTrue(recovered.getBoolean("recovered"), recovered.encode());
    assertEquals(LongStream.rangeClosed(11, 30).boxed().toList(), replay.stream().map(m -> m.getLong("seq")).toList());
    assertEquals(texts.subList(10, 30), replay.stream().map(m -> m.getString("text")).toList(), "byte for byte");
    say(back, "dev", "after the restart");
    JsonObject next = back.nextOfType("message");
    assertEquals(31, next.getLong("seq"));
    assertEquals(epoch, next.getString("epoch"), "the same epoch: the room goes on");
    stop(second);
  }

  @Test
  void clients_entering_a_new_room_at_once_take_it_up_once(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, sqlite(100));
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TestClient client = TestClient.tcp(vertx, server.tcpPort()).hello("c" + i);
      clients.add(client);
    }
    // every join at once: each one takes the room up while the others do
    clients.forEach(client -> client.send(new JsonObject().put("type", "join").put("room", "busy")));
    for (TestClient client : clients) {
      client.nextOfType("joined");
    }
    TestClient talker = clients.get(0);
    for (int i = 1; i <= 1500; i++) {
      say(talker, "busy", "m" + i);
    }
    for (TestClient client : clients) {
      for (long seq = 1; seq <= 1500; seq++) {
        assertEquals(seq, client.nextOfType("message").getLong("seq"), "each seq once, in order");
      }
    }
    stop(server);
  }

  @Test
  void scrollback_over_udp_and_websocket_in_held_rooms_only(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, sqlite(5));
    TestClient ann = TestClient.tcp(vertx, server.tcpPort()).hello("ann").join("dev");
    for (int i = 1; i <= 40; i++) {
      say(ann, "dev", "m" + i);
    }
    String epoch = null;
    for (int i = 0; i < 40; i++) {
      epoch = ann.nextOfType("message").getString("epoch");
    }
    JsonObject page = new JsonObject().put("type", "history").put("room", "dev").put("before", 31).put("epoch", epoch)
        .put("limit", 10);
    TestClient outsider = TestClient.tcp(vertx, server.tcpPort()).hello("eve");
    outsider.send(page);
    assertEquals("not_in_room", outsider.nextOfType("error").getString("code"), "room rights apply");
    for (TestClient client : List.of(TestClient.udp(vertx, server.udpPort()).hello("udpa").join("dev"),
        TestClient.ws(vertx, server.httpPort()).hello("wsa").join("dev"))) {
      for (int i = 0; i < 5; i++) {
        client.nextOfType("message"); // the join's replay: what memory holds
      }
      client.send(page);
      List<JsonObject> replay = replay(client);
      JsonObject end = replay.remove(replay.size() - 1);
      assertEquals(LongStream.rangeClosed(21, 30).boxed().toList(), replay.stream().map(m -> m.getLong("seq")).toList());
      assertEquals(21, end.getLong("first"));
      assertTrue(end.getBoolean("more"));
      assertTrue(end.getBoolean("recovered"));
    }
    stop(server);
  }

  @Test
  void the_store_keeps_itself_within_its_bounds(Vertx vertx) throws Exception {
    JsonObject config = sqlite(5);
    config.getJsonObject("store").put("retentionMessages", 20).put("maxMessages", 30);
    FramechatServer server = TestServers.start(vertx, config);
    TestClient ann = TestClient.tcp(vertx, server.tcpPort()).hello("ann").join("dev").join("ops");
    String epoch = null;
    for (int i = 1; i <= 25; i++) {
      say(ann, "dev", "dev" + i);
    }
    for (int i = 1; i <= 25; i++) {
      epoch = ann.nextOfType("message").getString("epoch");
    }
    for (int i = 1; i <= 25; i++) {
      say(ann, "ops", "ops" + i);
    }
    for (int i = 1; i <= 25; i++) {
      ann.nextOfType("message");
    }
    // 5 of each room past its 20; then 10 of the 40 left past all rooms' 30: dev's, the oldest
    // (the pruner's first round comes 5 s after the start; were the messages not all written by
    // then, its next count comes a minute later)
    Promise<Void> pruned = Promise.promise();
    vertx.setPeriodic(20, t -> {
      if (server.metrics().registry().get("framechat.store.pruned").counter().count() >= 20) {
        vertx.cancelTimer(t);
        pruned.tryComplete();
      }
    });
    pruned.future().await(90, TimeUnit.SECONDS);
    assertEquals(30.0, server.metrics().registry().get("framechat.store.messages").gauge().value());
    TestClient bob = TestClient.tcp(vertx, server.tcpPort());
    bob.send(new JsonObject().put("type", "hello").put("nick", "bob")
        .put("resume", new JsonObject().put("dev", new JsonObject().put("seq", 1).put("epoch", epoch))));
    List<JsonObject> replay = replay(bob);
    assertFalse(replay.remove(replay.size() - 1).getBoolean("recovered"), "2 to 15 are gone");
    assertEquals(LongStream.rangeClosed(16, 25).boxed().toList(), replay.stream().map(m -> m.getLong("seq")).toList());
    stop(server);
  }

  @Test
  void what_memory_no_longer_holds_comes_from_the_store(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, sqlite(10));
    TestClient ann = TestClient.tcp(vertx, server.tcpPort()).hello("ann").join("dev");
    for (int i = 1; i <= 50; i++) {
      say(ann, "dev", "m" + i);
    }
    String epoch = null;
    for (int i = 0; i < 50; i++) {
      epoch = ann.nextOfType("message").getString("epoch");
    }
    // a resume from seq 5: memory holds 41 to 50, the store the rest
    TestClient bob = TestClient.tcp(vertx, server.tcpPort());
    bob.send(new JsonObject().put("type", "hello").put("nick", "bob")
        .put("resume", new JsonObject().put("dev", new JsonObject().put("seq", 5).put("epoch", epoch))));
    List<JsonObject> replay = replay(bob);
    assertTrue(replay.remove(replay.size() - 1).getBoolean("recovered"));
    assertEquals(LongStream.rangeClosed(6, 50).boxed().toList(), replay.stream().map(m -> m.getLong("seq")).toList());
    // and a history request from a held room
    bob.send(new JsonObject().put("type", "history").put("room", "dev").put("since", 20).put("epoch", epoch)
        .put("until", 25));
    replay = replay(bob);
    assertTrue(replay.remove(replay.size() - 1).getBoolean("recovered"));
    assertEquals(LongStream.rangeClosed(21, 25).boxed().toList(), replay.stream().map(m -> m.getLong("seq")).toList());
    stop(server);
  }

  @Test
  void scrollback_pages_reach_the_first_message_each_seq_once(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, sqlite(100));
    TestClient ann = TestClient.tcp(vertx, server.tcpPort()).hello("ann").join("long");
    ann.chatter(vertx, "long", 3000);
    String epoch = null;
    for (int i = 0; i < 3000; i++) {
      epoch = ann.nextOfType("message").getString("epoch");
    }
    long before = 3001;
    long expected = 3000;
    int pages = 0;
    while (true) {
      ann.send(new JsonObject().put("type", "history").put("room", "long").put("before", before).put("epoch", epoch)
          .put("limit", 500));
      List<JsonObject> page = replay(ann);
      JsonObject end = page.remove(page.size() - 1);
      pages++;
      assertTrue(page.size() <= 200, "chat.historyPageMax bounds a page");
      for (int i = page.size() - 1; i >= 0; i--) {
        assertEquals(expected--, page.get(i).getLong("seq"));
        assertTrue(page.get(i).getBoolean("history"));
      }
      assertTrue(end.getBoolean("recovered"));
      assertEquals(page.get(0).getLong("seq"), end.getLong("first"));
      if (!end.getBoolean("more")) {
        break;
      }
      before = end.getLong("first");
    }
    assertEquals(0, expected, "every seq down to 1, once");
    assertEquals(15, pages);
    stop(server);
  }

  @Test
  void a_store_in_memory_writes_no_file(Vertx vertx) throws Exception {
    Path file = dir.resolve("memory/chat.db");
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("store", new JsonObject().put("kind", "memory").put("path", file.toString())));
    TestClient ann = TestClient.tcp(vertx, server.tcpPort()).hello("ann").join("dev");
    say(ann, "dev", "gone with the process");
    ann.nextOfType("message");
    // scrollback from memory works all the same
    ann.send(new JsonObject().put("type", "history").put("room", "dev").put("before", 2).put("limit", 10));
    List<JsonObject> page = replay(ann);
    assertEquals(2, page.size());
    assertFalse(page.get(1).getBoolean("more"));
    stop(server);
    assertFalse(Files.exists(file.getParent()), "nothing written");
  }
}
