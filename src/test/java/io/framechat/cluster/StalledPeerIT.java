package io.framechat.cluster;

import io.framechat.testing.HttpCall;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose peer stalls (SIGSTOP, shorter than the member timeout) under load: messages for the
 * rooms the stalled node numbers wait up to {@code cluster.maxPendingMessages}, and past it their
 * senders are told {@code busy}; the node keeps answering meanwhile, and once the peer runs again
 * every message that was not refused is numbered. A stall past the time a node waits for its
 * forwards to be answered has them sent again; each is still numbered once.
 */
@Timeout(120)
class StalledPeerIT {

  private static final int ROOMS = 16;
  private static final int PER_ROOM = 100;
  private static final int BOUND = 20;
  /** More messages a room than its sequencer remembers the ids of: only their first request tells them sent again. */
  private static final int PAST_IDS = 1_100;

  private final Vertx vertx = Vertx.vertx();
  private ServerProcess nodeA;
  private ServerProcess nodeB;

  @AfterEach
  void stop() throws Exception {
    for (ServerProcess node : new ServerProcess[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static ServerProcess node(String cluster, Integer join, int members) throws IOException {
    return node(cluster, join, members, Map.of("FRAMECHAT_CLUSTER_MAX_PENDING_MESSAGES", String.valueOf(BOUND)));
  }

  private static ServerProcess node(String cluster, Integer join, int members, Map<String, String> more)
      throws IOException {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.putAll(more);
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", cluster);
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(ServerProcess.freePort()));
    if (join != null) {
      env.put("FRAMECHAT_CLUSTER_MEMBERS", "127.0.0.1:" + join);
    }
    env.put("FRAMECHAT_LIMITS_MESSAGES_PER_SECOND", "100000");
    env.put("FRAMECHAT_LIMITS_BURST", "100000");
    env.put("FRAMECHAT_CHAT_MAX_ROOMS_PER_CLIENT", String.valueOf(ROOMS + 1));
    ServerProcess node = ServerProcess.start(env);
    node.awaitLine("cluster \"" + cluster + "\" joined in \\d+ ms .*, " + members + " members");
    return node.awaitListening();
  }

  private static void signal(ServerProcess node, String signal) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(node.pid())).start().waitFor());
  }

  @Test
  void a_stalled_peer_makes_busy_senders_not_an_unbounded_queue() throws Exception {
    String cluster = "stall-" + UUID.randomUUID();
    nodeA = node(cluster, null, 1);
    nodeB = node(cluster, nodeA.clusterPort(), 2);
    TestClient talker = TestClient.tcp(vertx, nodeA.tcpPort()).hello("talker");
    for (int room = 0; room < ROOMS; room++) {
      talker.join("s" + room);
    }
    talker.sync();

    signal(nodeB, "STOP");
    long stalled = System.nanoTime();
    try {
      for (int i = 0; i < PER_ROOM; i++) {
        for (int room = 0; room < ROOMS; room++) {
          talker.send(new JsonObject().put("type", "say").put("room", "s" + room).put("text", "m" + i));
        }
      }
      // node A answers while its peer is stalled (the replies to the messages come before the pong)
      int busy = 0;
      int numbered = 0;
      for (JsonObject frame : talker.sync()) {
        busy += "busy".equals(frame.getString("code")) ? 1 : 0;
        numbered += "message".equals(frame.getString("type")) ? 1 : 0;
      }
      assertTrue(busy > 0, "the rooms node B numbers refused what passed the bound");
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalled) < 3000, "answered during the stall");
      signal(nodeB, "CONT");
      // what was not refused is numbered once node B runs again
      int expected = ROOMS * PER_ROOM - busy;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (numbered < expected && System.nanoTime() < deadline) {
        JsonObject frame = talker.next();
        numbered += "message".equals(frame.getString("type")) ? 1 : 0;
        assertTrue(!"error".equals(frame.getString("type")), frame.encode());
      }
      assertEquals(expected, numbered, busy + " refused as busy");
      System.out.printf("stalled peer: %d messages, %d refused as busy (bound %d a node), %d numbered%n",
          ROOMS * PER_ROOM, busy, BOUND, numbered);
    } finally {
      signal(nodeB, "CONT");
    }
    assertTrue(nodeB.isAlive() && nodeA.isAlive());
  }

  /** A counter of the node's /metrics (0 before it counted anything). */
  private static double counter(ServerProcess node, String name) {
    String metrics = HttpCall.get(node.httpPort(), "/metrics").body().toString();
    return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line ->
        Double.parseDouble(line.substring(name.length() + 1))).findFirst().orElse(0);
  }

  /** Waits until the node's counter is above 0, asking now and then: it changes in another process. */
  private void untilCounted(ServerProcess node, String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (counter(node, name) == 0) {
      assertTrue(System.nanoTime() < deadline, name + " still 0 after 20 s");
      vertx.timer(50).await();
    }
  }

  @Test
  void a_stall_past_the_forward_timeout_numbers_each_message_once() throws Exception {
    // node B stalls longer than node A waits for its answers, but not for long enough to be declared dead
    String cluster = "stall-" + UUID.randomUUID();
    Map<String, String> patient = Map.of("FRAMECHAT_CLUSTER_MEMBER_TIMEOUT_SECONDS", "12");
    nodeA = node(cluster, null, 1, patient);
    nodeB = node(cluster, nodeA.clusterPort(), 2, patient);
    TestClient talker = TestClient.tcp(vertx, nodeA.tcpPort()).hello("talker");
    for (int room = 0; room < ROOMS; room++) {
      talker.join("s" + room);
    }
    talker.sync();

    signal(nodeB, "STOP");
    try {
      for (int i = 0; i < PAST_IDS; i++) {
        for (int room = 0; room < ROOMS; room++) {
          talker.send(new JsonObject().put("type", "say").put("room", "s" + room).put("text", "m" + i));
        }
      }
      untilCounted(nodeA, "framechat_cluster_resent_total"); // no answer in time: sent again
    } finally {
      signal(nodeB, "CONT");
    }
    // every message numbered once: each room's seqs 1 to PAST_IDS, each text once
    Map<String, Map<Long, String>> rooms = new HashMap<>();
    int numbered = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (numbered < ROOMS * PAST_IDS && System.nanoTime() < deadline) {
      JsonObject frame = talker.next();
      assertTrue(!"error".equals(frame.getString("type")), frame.encode());
      if ("message".equals(frame.getString("type"))) {
        numbered++;
        String was = rooms.computeIfAbsent(frame.getString("room"), r -> new HashMap<>())
            .put(frame.getLong("seq"), frame.getString("text"));
        assertEquals(null, was, "seq " + frame.getLong("seq") + " of " + frame.getString("room") + " twice");
      }
    }
    assertEquals(ROOMS * PAST_IDS, numbered);
    for (Map.Entry<String, Map<Long, String>> room : rooms.entrySet()) {
      assertEquals(PAST_IDS, room.getValue().size(), room.getKey());
      assertEquals(PAST_IDS, new java.util.HashSet<>(room.getValue().values()).size(), room.getKey() + ": a text twice");
      assertEquals(PAST_IDS, java.util.Collections.max(room.getValue().keySet()), room.getKey() + ": seqs past the count");
    }
    untilCounted(nodeB, "framechat_cluster_resent_known_total"); // node B knew them, and answered their first seq
    talker.sync();
    talker.assertNothingPending();
    System.out.printf("stall past the forward timeout: %d messages numbered once; node A sent %.0f again, node B knew %.0f%n",
        numbered, counter(nodeA, "framechat_cluster_resent_total"), counter(nodeB, "framechat_cluster_resent_known_total"));
    assertTrue(nodeB.isAlive() && nodeA.isAlive());
  }
}
