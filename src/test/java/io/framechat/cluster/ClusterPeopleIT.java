package io.framechat.cluster;

import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestClient;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sessions of one person on two nodes of a cluster (token logins): others see the person join
 * and leave once; a whisper reaches both sessions; a join, a leave and a read on one reach the other.
 */
@Timeout(180)
class ClusterPeopleIT {

  private final Vertx vertx = Vertx.vertx();
  private final Tokens tokens = Tokens.hs256(vertx);
  private final List<ServerProcess> started = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    started.forEach(ServerProcess::close);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ServerProcess node(String cluster, Integer join, int members) throws IOException {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", cluster);
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(ServerProcess.freePort()));
    if (join != null) {
      env.put("FRAMECHAT_CLUSTER_MEMBERS", "127.0.0.1:" + join);
    }
    env.put("FRAMECHAT_LIMITS_LISTINGS_PER_SECOND", "1000");
    env.put("FRAMECHAT_LIMITS_LISTING_BURST", "1000");
    env.put("FRAMECHAT_AUTH_MODE", "jwt");
    env.put("FRAMECHAT_AUTH_JWT_SECRET", tokens.secret);
    env.put("FRAMECHAT_AUTH_JWT_ISSUER", Tokens.ISSUER);
    env.put("FRAMECHAT_AUTH_JWT_AUDIENCE", Tokens.AUDIENCE);
    ServerProcess node = ServerProcess.start(env);
    started.add(node);
    node.awaitLine("cluster \"" + cluster + "\" joined in \\d+ ms .*, " + members + " members");
    return node.awaitListening();
  }

  private TestClient login(ServerProcess node, String nick) {
    TestClient client = TestClient.tcp(vertx, node.tcpPort(), HeaderByteOrder.BIG).welcomed();
    client.send(new JsonObject().put("type", "hello").put("token", tokens.token(nick)));
    assertEquals(nick, client.nextOfType("nick").getString("nick"));
    assertEquals("lobby", client.nextOfType("joined").getString("room"));
    return client;
  }

  /** Asks for the list of rooms until the lobby has {@code members} people in it (each answer is awaited). */
  private static void awaitLobbyOf(TestClient client, int members) {
    for (int asked = 1; ; asked++) {
      client.send(new JsonObject().put("type", "rooms"));
      JsonObject rooms = client.nextOfType("rooms");
      int lobby = rooms.getJsonArray("rooms").stream().map(JsonObject.class::cast)
          .filter(room -> "lobby".equals(room.getString("room"))).findFirst().orElseThrow().getInteger("members");
      if (lobby == members) {
        return;
      }
      if (asked == 200) {
        throw new AssertionError("the lobby has " + lobby + " members, not " + members);
      }
    }
  }

  @Test
  @DisplayName("one person on two nodes: one join and one leave for others, whispers to both, joins, leaves and"
      + " reads followed across nodes")
  void one_person_on_two_nodes() throws Exception {
    String cluster = "people-" + UUID.randomUUID();
    ServerProcess a = node(cluster, null, 1);
    ServerProcess b = node(cluster, a.clusterPort(), 2);
    TestClient dave = login(a, "dave");
    TestClient bob = login(b, "bob");
    dave.nextPresence("join");
    TestClient laptop = login(a, "alice");
    assertEquals("alice", dave.nextPresence("join").getString("nick"));
    assertEquals("alice", bob.nextPresence("join").getString("nick"));
    TestClient phone = login(b, "alice");
    phone.sync();
    bob.assertNothingPending();
    dave.assertNothingPending();

    bob.send("/msg alice both of you?");
    assertEquals("both of you?", laptop.nextOfType("whisper").getString("text"));
    assertEquals("both of you?", phone.nextOfType("whisper").getString("text"));
    assertEquals("both of you?", bob.nextOfType("whisper").getString("text"), "the sender's copy");
    laptop.send("/msg bob yes");
    assertEquals("yes", bob.nextOfType("whisper").getString("text"));
    assertEquals("bob", phone.nextOfType("whisper").getString("to"), "a whisper sent shows on every session");

    dave.join("dev");
    phone.send("/join dev");
    assertEquals("dev", phone.nextOfType("joined").getString("room"));
    assertEquals("dev", laptop.nextOfType("joined").getString("room"), "a join on one node reaches the other");
    JsonObject joined = dave.nextPresence("join");
    assertEquals("dev", joined.getString("room"));
    assertEquals("alice", joined.getString("nick"));
    dave.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "hello alice"));
    long seq = laptop.nextOfType("message").getLong("seq");
    assertEquals(seq, phone.nextOfType("message").getLong("seq"));
    laptop.send(new JsonObject().put("type", "read").put("room", "dev").put("seq", seq));
    JsonObject read = phone.nextOfType("read");
    assertEquals("dev", read.getString("room"));
    assertEquals(seq, read.getLong("seq"));

    laptop.send("/leave dev");
    assertEquals("dev", laptop.nextOfType("left").getString("room"));
    assertEquals("dev", phone.nextOfType("left").getString("room"), "a leave on one node reaches the other");
    JsonObject left = dave.nextPresence("leave");
    assertEquals("dev", left.getString("room"));
    assertEquals("alice", left.getString("nick"));

    phone.send("/quit");
    phone.untilBye();
    awaitLobbyOf(dave, 3); // node a knows the phone is gone: dave, alice (once) and bob
    dave.assertNothingPending();
    laptop.send("/quit");
    JsonObject gone = bob.nextPresence("leave");
    assertEquals("alice", gone.getString("nick"));
    assertEquals("lobby", gone.getString("room"));
    bob.assertNothingPending();
  }
}
