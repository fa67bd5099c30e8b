package io.framechat.cluster;

import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two framechat nodes in separate JVMs form a cluster on 127.0.0.1 (TCP-IP join). The tests run in
 * order on the same cluster; the last one kills node B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ClusterIT {

  private final Vertx vertx = Vertx.vertx();
  private ServerProcess nodeA;
  private ServerProcess nodeB;
  private TestClient alice;
  private TestClient bob;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> node(String cluster, int port, int otherPort) {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", cluster);
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(port));
    env.put("FRAMECHAT_CLUSTER_MEMBERS", "127.0.0.1:" + otherPort);
    return env;
  }

  @BeforeAll
  void startCluster() throws IOException {
    String cluster = "it-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    nodeA = ServerProcess.start(node(cluster, portA, portB)).awaitListening();
    nodeB = ServerProcess.start(node(cluster, portB, portA));
    nodeB.awaitLine("cluster \"" + cluster + "\" joined in \\d+ ms .* 2 members");
    nodeB.awaitListening();
  }

  @AfterAll
  void stopCluster() throws Exception {
    nodeA.close();
    nodeB.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Asks {@code who} of {@code room} until {@code nick} is there: the other node's change has arrived. */
  private static void awaitMember(Vertx vertx, TestClient client, String room, String nick) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      client.send(new JsonObject().put("type", "who").put("room", room));
      if (client.nextOfType("who").getJsonArray("nicks").contains(nick)) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, nick + " never showed in " + room);
      vertx.timer(20).await(1, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  @DisplayName("a TCP client on node A and a UDP client on node B chat in one room, both ways")
  void tcp_on_a_and_udp_on_b_chat() throws Exception {
    alice = TestClient.tcp(vertx, nodeA.tcpPort()).hello("alice").join("ops");
    bob = TestClient.udp(vertx, nodeB.udpPort()).hello("bob");
    awaitMember(vertx, bob, "ops", "alice");
    bob.join("ops");
    JsonObject joined = alice.nextPresence("join");
    while (!"ops".equals(joined.getString("room"))) {
      joined = alice.nextPresence("join");
    }
    assertEquals("bob", joined.getString("nick"));
    alice.send(new JsonObject().put("type", "say").put("room", "ops").put("text", "hello from A"));
    JsonObject atB = bob.nextOfType("message");
    assertEquals("alice", atB.getString("from"));
    assertEquals("hello from A", atB.getString("text"));
    bob.send("{\"type\":\"say\",\"room\":\"ops\",\"text\":\"hello from B\"}");
    JsonObject atA = alice.nextOfType("message");
    while (!"bob".equals(atA.getString("from"))) {
      atA = alice.nextOfType("message");
    }
    assertEquals("hello from B", atA.getString("text"));
    alice.send("/who ops");
    assertEquals(2, alice.nextOfType("who").getJsonArray("nicks").size());
    bob.send("/msg alice across nodes");
    assertEquals("across nodes", alice.nextOfType("whisper").getString("text"));
  }

  @Test
  @Order(2)
  @DisplayName("a nick held on node A is nick_taken on node B, in any case")
  void nicks_are_unique_across_nodes() {
    TestClient onB = TestClient.tcp(vertx, nodeB.tcpPort());
    onB.send(new JsonObject().put("type", "hello").put("nick", "ALICE"));
    onB.nextError("nick_taken");
    TestClient onA = TestClient.tcp(vertx, nodeA.tcpPort());
    onA.send("/nick bob");
    onA.nextError("nick_taken");
    onB.hello("carol");
  }

  @Test
  @Order(3)
  @DisplayName("SIGKILL of node B: its members' leave reaches node A's clients, their nicks are freed, A keeps serving")
  void killing_node_b_cleans_up_on_a() {
    alice.sync();
    long killed = System.nanoTime();
    nodeB.kill();
    JsonObject leave = alice.nextPresence("leave");
    while (!"ops".equals(leave.getString("room"))) {
      leave = alice.nextPresence("leave");
    }
    assertEquals("bob", leave.getString("nick"));
    long noticedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertTrue(noticedMillis < 30_000, "noticed after " + noticedMillis + " ms");
    alice.send("/who ops");
    assertEquals(java.util.List.of("alice"), alice.nextOfType("who").getJsonArray("nicks").getList());
    TestClient again = TestClient.tcp(vertx, nodeA.tcpPort()).hello("bob").hello("carol");
    again.send(new JsonObject().put("type", "say").put("text", "still serving"));
    assertEquals("still serving", again.nextOfType("message").getString("text"));
  }
}
