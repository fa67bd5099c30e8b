package io.framechat.cluster;

import io.framechat.testing.HttpCall;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestCertificates;
import io.framechat.testing.TestClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two framechat nodes in separate JVMs form a cluster on 127.0.0.1 (TCP-IP join). Each test uses
 * clients and rooms of its own, so they pass in any order; the one that kills a node starts a third
 * for it, and the one that plays a newer release joins the test JVM as a member for a while.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ClusterIT {

  private final Vertx vertx = Vertx.vertx();
  @TempDir
  static Path certificates;
  private TlsCluster cluster;
  private ServerProcess nodeA;
  private ServerProcess nodeB;

  @BeforeAll
  void startCluster() {
    cluster = new TlsCluster(certificates);
    nodeA = cluster.start(null, 1, "node-a");
    nodeB = cluster.start(nodeA.clusterPort(), 2, "node-b");
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
  @DisplayName("a TCP client on node A and a UDP client on node B chat in one room, both ways")
  void tcp_on_a_and_udp_on_b_chat() throws Exception {
    TestClient alice = TestClient.tcp(vertx, nodeA.tcpPort()).hello("alice").join("ops");
    TestClient bob = TestClient.udp(vertx, nodeB.udpPort()).hello("bob");
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
    for (ServerProcess node : List.of(nodeA, nodeB)) {
      assertTrue(node.output().stream().noneMatch(line -> line.contains("modular environment")
          || line.contains("CP Subsystem")), "Hazelcast's start-up warnings: " + node.output());
    }
  }

  @Test
  @DisplayName("a nick held on node A is nick_taken on node B, in any case")
  void nicks_are_unique_across_nodes() {
    TestClient.tcp(vertx, nodeA.tcpPort()).hello("dora");
    TestClient.udp(vertx, nodeB.udpPort()).hello("erin");
    TestClient onB = TestClient.tcp(vertx, nodeB.tcpPort());
    onB.send(new JsonObject().put("type", "hello").put("nick", "DORA"));
    onB.nextError("nick_taken");
    TestClient onA = TestClient.tcp(vertx, nodeA.tcpPort()).hello("frank");
    onA.sync();
    onA.send("/nick erin");
    onA.nextError("nick_taken");
    onB.hello("carol");
  }

  @Test
  @DisplayName("one sequence per room across nodes: both nodes see the same seqs; a joiner on B gets history said on A")
  void rooms_are_sequenced_across_nodes() throws Exception {
    TestClient onA = TestClient.tcp(vertx, nodeA.tcpPort()).hello("seqa").join("shared");
    TestClient onB = TestClient.tcp(vertx, nodeB.tcpPort()).hello("seqb").join("shared");
    awaitMember(vertx, onA, "shared", "seqb");
    awaitMember(vertx, onB, "shared", "seqa");
    Future<Void> fromA = onA.chatter(vertx, "shared", 100);
    Future<Void> fromB = onB.chatter(vertx, "shared", 100);
    List<Long> seenOnA = RoomFollower.seqs(onA, "shared", 200);
    List<Long> seenOnB = RoomFollower.seqs(onB, "shared", 200);
    Future.all(fromA, fromB).await(10, TimeUnit.SECONDS);
    assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), seenOnA.stream().sorted().toList());
    assertEquals(seenOnA, seenOnB, "both nodes deliver the room's messages in the same order");
    TestClient late = TestClient.tcp(vertx, nodeB.tcpPort());
    late.send(new JsonObject().put("type", "join").put("room", "shared"));
    assertEquals(200L, late.nextOfType("joined").getLong("seq"));
    assertEquals(LongStream.rangeClosed(181, 200).boxed().toList(), RoomFollower.seqs(late, "shared", 20));
  }

  @Test
  @DisplayName("a burst of 5,000 messages from one client is numbered whole, none refused: the room's sequencer"
      + " appends its backlog in parts Hazelcast takes (at most 1,000 a call)")
  void a_burst_is_numbered_whole() throws Exception {
    int burst = 5000;
    TestClient onA = TestClient.tcp(vertx, nodeA.tcpPort()).hello("bursta").join("burst");
    TestClient onB = TestClient.tcp(vertx, nodeB.tcpPort()).hello("burstb").join("burst");
    awaitMember(vertx, onA, "burst", "burstb");
    Buffer frames = Buffer.buffer();
    for (int i = 1; i <= burst; i++) {
      Buffer body = new JsonObject().put("type", "say").put("room", "burst").put("text", "burst " + i).toBuffer();
      frames.appendInt(body.length()).appendBuffer(body);
    }
    onA.sendRaw(frames);
    for (int echoed = 0; echoed < burst; ) {
      JsonObject frame = onA.next();
      int seen = echoed;
      assertNotEquals("error", frame.getString("type"), () -> "after " + seen + " messages: " + frame.encode());
      echoed += "message".equals(frame.getString("type")) ? 1 : 0;
    }
    assertEquals(LongStream.rangeClosed(1, burst).boxed().toList(), RoomFollower.seqs(onB, "burst", burst));
  }

  /** An admin API call to a node; the JSON answer, which must be 200. */
  private JsonObject admin(ServerProcess node, HttpMethod method, String path, JsonObject body) throws Exception {
    HttpCall.Answer answer = HttpCall.send(method.name(), node.httpPort(), path,
        Map.of("Authorization", "Bearer " + TlsCluster.ADMIN_TOKEN), body == null ? null : body.toBuffer());
    assertEquals(200, answer.status(), answer.body().toString());
    return answer.body().toJsonObject();
  }

  @Test
  @DisplayName("admin API: one node lists the clients of both, publishes to members on both with a seq, disconnects"
      + " on the other, and a ban made on A holds on B")
  void admin_covers_the_cluster() throws Exception {
    TestClient onA = TestClient.tcp(vertx, nodeA.tcpPort()).hello("newsa").join("news");
    TestClient onB = TestClient.udp(vertx, nodeB.udpPort()).hello("newsb").join("news");
    awaitMember(vertx, onA, "news", "newsb");
    awaitMember(vertx, onB, "news", "newsa");
    JsonObject clients = admin(nodeB, HttpMethod.GET, "/api/clients?room=news", null);
    assertEquals(List.of("newsa", "newsb"), clients.getJsonArray("clients").stream()
        .map(c -> ((JsonObject) c).getString("nick")).sorted().toList());
    long seq = admin(nodeA, HttpMethod.POST, "/api/publish", new JsonObject().put("room", "news").put("text", "notice"))
        .getLong("seq");
    for (TestClient member : List.of(onA, onB)) {
      JsonObject message = member.nextOfType("message");
      assertEquals("server", message.getString("from"));
      assertEquals(seq, message.getLong("seq"));
    }
    assertEquals(1, admin(nodeA, HttpMethod.POST, "/api/disconnect", new JsonObject().put("nick", "newsb")
        .put("reason", "moving you")).getInteger("closed"));
    assertEquals("moving you", onB.nextOfType("bye").getString("message"));
    admin(nodeA, HttpMethod.POST, "/api/bans", new JsonObject().put("nick", "evil").put("seconds", 60));
    // the ban reaches B through the cluster's map: a fresh client on B tries the nick until it is refused
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      TestClient evil = TestClient.tcp(vertx, nodeB.tcpPort());
      evil.send(new JsonObject().put("type", "hello").put("nick", "evil"));
      JsonObject answer = evil.next();
      if ("banned".equals(answer.getString("code"))) {
        break;
      }
      evil.send("/quit");
      assertTrue(System.nanoTime() < deadline, "the ban never reached node B");
      vertx.timer(100).await(1, TimeUnit.SECONDS);
    }
    assertEquals(1, admin(nodeB, HttpMethod.GET, "/api/bans", null).getJsonArray("bans").size());
  }

  @Test
  @DisplayName("the event bus between the nodes takes only peers whose certificate the cluster CA signed (cluster.tls)")
  void event_bus_wants_a_cluster_certificate() throws Exception {
    int bus = cluster.busPort("node-a");
    TestCertificates other = TestCertificates.ca(java.nio.file.Files.createDirectories(certificates.resolve("other")));
    TestCertificates.Pair stranger = other.issue("stranger", "stranger");
    PemTrustOptions trustCluster = new PemTrustOptions().addCertPath(cluster.ca.caCert.toString());
    for (NetClientOptions client : List.of(
        new NetClientOptions(),
        new NetClientOptions().setSsl(true).setTrustOptions(trustCluster),
        new NetClientOptions().setSsl(true).setTrustOptions(trustCluster)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(stranger.cert().toString()).setKeyPath(stranger.key().toString())))) {
      Promise<Void> closed = Promise.promise();
      vertx.createNetClient(client).connect(bus, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          closed.tryComplete(); // refused during the handshake
          return;
        }
        connected.result().closeHandler(v -> closed.tryComplete());
        connected.result().write("not a member\n");
      });
      closed.future().await(10, TimeUnit.SECONDS);
    }
    // the nodes themselves still talk (over the same TLS)
    TestClient one = TestClient.tcp(vertx, nodeA.tcpPort()).hello("bus-a").join("bus");
    TestClient two = TestClient.tcp(vertx, nodeB.tcpPort()).hello("bus-b").join("bus");
    awaitMember(vertx, one, "bus", "bus-b");
    two.send(new JsonObject().put("type", "say").put("room", "bus").put("text", "across"));
    JsonObject message = one.nextOfType("message");
    assertEquals("across", message.getString("text"));
  }

  @Test
  @DisplayName("SIGKILL of a node: its members' leave reaches the other nodes' clients, their nicks are freed, the"
      + " others keep serving; a client of the dead node resumes elsewhere with nothing missed")
  void killing_a_node_cleans_up_on_the_others() throws Exception {
    ServerProcess nodeC = cluster.start(nodeA.clusterPort(), 3, "node-c");
    try {
      killAndResume(nodeC);
    } finally {
      nodeC.close();
    }
  }

  private void killAndResume(ServerProcess nodeC) throws Exception {
    TestClient alice = TestClient.tcp(vertx, nodeA.tcpPort()).hello("gina").join("doomed");
    TestClient.udp(vertx, nodeC.udpPort()).hello("hank").join("doomed");
    awaitMember(vertx, alice, "doomed", "hank");
    List<String> rooms = List.of("hist-1", "hist-2", "hist-3", "hist-4");
    TestClient talker = TestClient.tcp(vertx, nodeA.tcpPort()).hello("talker");
    TestClient roamer = TestClient.tcp(vertx, nodeC.tcpPort()).hello("roamer");
    for (String room : rooms) {
      talker.join(room);
      roamer.join(room);
    }
    for (String room : rooms) {
      awaitMember(vertx, talker, room, "roamer");
    }
    AtomicInteger said = new AtomicInteger();
    AtomicBoolean talking = new AtomicBoolean(true);
    vertx.setPeriodic(2, id -> {
      if (!talking.get()) {
        vertx.cancelTimer(id);
        return;
      }
      int n = said.incrementAndGet();
      talker.connection().send(new JsonObject().put("type", "say").put("room", rooms.get(n % rooms.size()))
          .put("text", "t" + n));
    });
    RoomFollower roamed = new RoomFollower(rooms);
    roamed.readUntilEach(roamer, 20);

    long killed = System.nanoTime();
    int saidAtKill = said.get();
    nodeC.kill();
    JsonObject leave = alice.nextPresence("leave");
    while (!"doomed".equals(leave.getString("room")) || !"hank".equals(leave.getString("nick"))) {
      leave = alice.nextPresence("leave");
    }
    long noticedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertTrue(noticedMillis < 30_000, "noticed after " + noticedMillis + " ms");
    alice.send("/who doomed");
    assertEquals(java.util.List.of("gina"), alice.nextOfType("who").getJsonArray("nicks").getList());
    TestClient again = TestClient.tcp(vertx, nodeA.tcpPort()).hello("hank").hello("ivan");
    again.send(new JsonObject().put("type", "say").put("text", "still serving"));
    assertEquals("still serving", again.nextOfType("message").getString("text"));

    // the roamer's connection died with node C: it reconnects to A and resumes every room
    TestClient back = TestClient.tcp(vertx, nodeA.tcpPort());
    int saidAtResume = said.get();
    roamed.resume(back);
    talking.set(false);
    int total = said.get();
    roamed.readAll(back, total,
        () -> "talker errors " + talker.sync().stream().filter(f -> "error".equals(f.getString("type"))).count());
    System.out.printf("failover: %d messages said between the kill and the resume, %d recovered from history,"
        + " %d of %d seen in all, 0 missed%n", saidAtResume - saidAtKill, roamed.replayed(), total, total);
  }
}
