package io.framechat.cluster;

import io.framechat.testing.Health;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes sharing one PostgreSQL (started by the test): both killed with {@code kill -9} and
 * started again, every room goes on with its history, epoch and seq, whichever node numbered it.
 */
@Timeout(240)
class ClusterStoreIT {

  private static final int ROOMS = 6;
  private static final int PER_ROOM = 15;

  private final Vertx vertx = Vertx.vertx();
  private final List<ServerProcess> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    started.forEach(ServerProcess::close);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ServerProcess node(TestPostgres postgres, String cluster, Integer join, int members) throws IOException {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", cluster);
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(ServerProcess.freePort()));
    if (join != null) {
      env.put("FRAMECHAT_CLUSTER_MEMBERS", "127.0.0.1:" + join);
    }
    env.putAll(postgres.storeEnv());
    env.put("FRAMECHAT_LIMITS_MESSAGES_PER_SECOND", "100000");
    env.put("FRAMECHAT_LIMITS_BURST", "100000");
    ServerProcess node = ServerProcess.start(env);
    started.add(node);
    node.awaitLine("cluster \"" + cluster + "\" joined in \\d+ ms .*, " + members + " members");
    return node.awaitListening();
  }

  private static String room(int i) {
    return "kept" + i;
  }

  @Test
  void two_nodes_killed_and_restarted_keep_every_room() throws Exception {
    try (TestPostgres postgres = TestPostgres.start()) {
      String cluster = "kept-" + UUID.randomUUID();
      ServerProcess a = node(postgres, cluster, null, 1);
      ServerProcess b = node(postgres, cluster, a.clusterPort(), 2);
      TestClient ann = TestClient.tcp(vertx, a.tcpPort()).hello("ann");
      TestClient bob = TestClient.tcp(vertx, b.tcpPort()).hello("bob");
      for (int i = 0; i < ROOMS; i++) {
        ann.join(room(i));
        bob.join(room(i));
      }
      Map<String, String> epochs = new HashMap<>();
      for (int n = 1; n <= PER_ROOM; n++) {
        for (int i = 0; i < ROOMS; i++) {
          TestClient sender = n % 2 == 0 ? ann : bob;
          sender.send(new JsonObject().put("type", "say").put("room", room(i)).put("text", "m" + n));
        }
      }
      for (int seen = 0; seen < ROOMS * PER_ROOM; seen++) {
        JsonObject message = ann.nextOfType("message");
        epochs.put(message.getString("room"), message.getString("epoch"));
      }
      assertEquals(ROOMS, epochs.size());
      // quiet: each node's rooms written and their reservations given back; then both die at once
      for (ServerProcess node : List.of(a, b)) {
        Health.awaitStore(vertx, node, Health::writtenAndGivenBack, "written and given back once quiet");
      }
      a.kill();
      b.kill();
      a.awaitExit();
      b.awaitExit();

      String again = "kept-again-" + UUID.randomUUID();
      ServerProcess c = node(postgres, again, null, 1);
      ServerProcess d = node(postgres, again, c.clusterPort(), 2);
      // a resume from seq 5 of every room: the rest from the store, recovered
      JsonObject resume = new JsonObject();
      for (int i = 0; i < ROOMS; i++) {
        resume.put(room(i), new JsonObject().put("seq", 5).put("epoch", epochs.get(room(i))));
      }
      TestClient back = TestClient.tcp(vertx, d.tcpPort());
      back.send(new JsonObject().put("type", "hello").put("nick", "ann").put("resume", resume));
      Map<String, List<Long>> replayed = new HashMap<>();
      Set<String> recovered = new HashSet<>();
      while (recovered.size() < ROOMS) {
        JsonObject frame = back.next();
        if ("message".equals(frame.getString("type"))) {
          replayed.computeIfAbsent(frame.getString("room"), r -> new ArrayList<>()).add(frame.getLong("seq"));
        } else if ("recovered".equals(frame.getString("type"))) {
          assertTrue(frame.getBoolean("recovered"), frame.encode());
          recovered.add(frame.getString("room"));
        }
      }
      for (int i = 0; i < ROOMS; i++) {
        assertEquals(LongStream.rangeClosed(6, PER_ROOM).boxed().toList(), replayed.get(room(i)), room(i));
      }
      // and each room goes on: same epoch, the next seq, whichever node numbers it now
      TestClient cat = TestClient.tcp(vertx, c.tcpPort()).hello("cat");
      for (int i = 0; i < ROOMS; i++) {
        cat.join(room(i));
        cat.send(new JsonObject().put("type", "say").put("room", room(i)).put("text", "after"));
        JsonObject next = cat.nextOfType("message");
        while (!"after".equals(next.getString("text"))) {
          next = cat.nextOfType("message");
        }
        assertEquals(epochs.get(room(i)), next.getString("epoch"), room(i));
        assertEquals(PER_ROOM + 1, next.getLong("seq"), room(i));
      }
      // the last messages are written a group commit after they went out: count once both say so
      for (ServerProcess node : List.of(c, d)) {
        Health.awaitStore(vertx, node, Health::writtenAndGivenBack, "written and given back once quiet again");
      }
      String counts = postgres.psql("SELECT count(*), count(DISTINCT (room, seq)) FROM messages");
      assertEquals((ROOMS * (PER_ROOM + 1)) + "|" + (ROOMS * (PER_ROOM + 1)), counts.trim(),
          "each message written once");
    }
  }
}
