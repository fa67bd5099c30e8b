package io.framechat.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.framechat.config.ClusterOptions;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.HttpCall;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Nodes of different releases: a node process beside a newer member (this test's JVM, which sends
 * item kinds, close reasons and direct messages the node does not know) goes on chatting with it;
 * and a node refuses to join a cluster whose member reads only a wire version it does not write.
 */
@Timeout(120)
class WireVersionIT {

  private static Map<String, String> node(String cluster, int joinPort) throws IOException {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", cluster);
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(ServerProcess.freePort()));
    if (joinPort > 0) {
      env.put("FRAMECHAT_CLUSTER_MEMBERS", "127.0.0.1:" + joinPort);
    }
    return env;
  }

  private static ClusterOptions member(String cluster, int port, int joinPort) {
    return new ClusterOptions(true, cluster, "127.0.0.1", port, 0, List.of("127.0.0.1:" + joinPort), 5, 10_000,
        10_000, new ClusterOptions.Kubernetes(""), new ClusterOptions.Tls(false, "", "", ""));
  }

  private static Buffer frame(JsonObject body) {
    return new FrameEncoder(HeaderByteOrder.BIG).encode(body.toBuffer());
  }

  @Test
  void a_node_chats_on_beside_a_newer_one() throws Exception {
    String cluster = "mixed-" + UUID.randomUUID();
    Vertx vertx = Vertx.vertx();
    try (ServerProcess old = ServerProcess.start(node(cluster, 0))) {
      old.awaitLine("cluster \"" + cluster + "\" joined");
      old.awaitListening();
      // the newer node: a lite member (it holds no room's history), speaking wire version 1 and more
      ClusterOptions options = member(cluster, ServerProcess.freePort(), old.clusterPort());
      Config config = HazelcastCluster.hazelcastConfig(options, TestServers.config().chat()).setLiteMember(true);
      HazelcastClusterManager manager = new HazelcastClusterManager(config);
      VertxOptions vertxOptions = new VertxOptions();
      HazelcastCluster.eventBus(vertxOptions.getEventBusOptions(), options);
      Vertx newer = Vertx.builder().with(vertxOptions).withClusterManager(manager).buildClustered()
          .await(60, TimeUnit.SECONDS);
      try {
        chatAcross(vertx, old, newer, manager);
      } finally {
        newer.close().await(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private void chatAcross(Vertx vertx, ServerProcess old, Vertx newer, HazelcastClusterManager manager)
      throws Exception {
    String me = manager.getNodeId();
    String oldNode = manager.getNodes().stream().filter(node -> !node.equals(me)).findFirst().orElseThrow();
    Promise<String> heard = Promise.promise();
    newer.eventBus().<Buffer>consumer(EventBusLink.BROADCAST, message -> {
      String text = stampedText(message.body(), "mixed");
      if (text != null) {
        heard.tryComplete(text);
      }
    }).completion().await(10, TimeUnit.SECONDS);
    newer.eventBus().<Buffer>consumer("framechat.cluster.node." + me, request ->
        request.reply(Wire.reply().appendBuffer(new ReplicatedView(me).snapshot(0)))).completion()
        .await(10, TimeUnit.SECONDS);

    TestClient here = TestClient.tcp(vertx, old.tcpPort()).hello("olga").join("mixed");
    // batch 1: a member joins, then an item of a kind the old node does not know, then a message
    Wire.BatchWriter out = new Wire.BatchWriter(me);
    Wire.writeString(out.item(ClusterLink.CONNECTED).appendLong(1), "nora");
    Wire.writeString(out.item(ClusterLink.JOINED).appendLong(1), "mixed");
    out.item((byte) 99).appendString("something only newer nodes know");
    Buffer frames = out.item(ClusterLink.FRAMES);
    Wire.writeString(frames, "mixed");
    Wire.writeFrames(frames, FrameBatch.of(frame(new JsonObject().put("type", "message").put("room", "mixed")
        .put("from", "nora").put("text", "hello from a newer node"))), HeaderByteOrder.BIG);
    newer.eventBus().publish(EventBusLink.BROADCAST, out.take(1));
    JsonObject message = here.nextOfType("message");
    assertEquals("hello from a newer node", message.getString("text"));
    here.send("/who mixed");
    assertEquals(List.of("nora", "olga"), here.nextOfType("who").getJsonArray("nicks").stream().sorted().toList());

    // a close for a reason the old node does not know, and a direct message of a kind it does not know
    Buffer close = Wire.direct(ClusterLink.CLOSE).appendLong(123_456_789L);
    Wire.writeString(close, "moved_to_mars");
    newer.eventBus().send("framechat.cluster.node." + oldNode, close);
    try {
      newer.eventBus().request("framechat.cluster.node." + oldNode, Wire.direct((byte) 77)).await(10, TimeUnit.SECONDS);
      fail("a direct message of an unknown kind was answered");
    } catch (ReplyException e) {
      assertEquals(400, e.failureCode());
    }

    // the chat goes on, both ways
    here.send(new JsonObject().put("type", "say").put("room", "mixed").put("text", "hello from an older node"));
    assertEquals("hello from an older node", heard.future().await(10, TimeUnit.SECONDS));
    Wire.BatchWriter second = new Wire.BatchWriter(me);
    second.item((byte) 98).appendLong(7);
    Buffer more = second.item(ClusterLink.FRAMES);
    Wire.writeString(more, "mixed");
    Wire.writeFrames(more, FrameBatch.of(frame(new JsonObject().put("type", "message").put("room", "mixed")
        .put("from", "nora").put("text", "still here"))), HeaderByteOrder.BIG);
    newer.eventBus().publish(EventBusLink.BROADCAST, second.take(2));
    JsonObject next = here.nextOfType("message");
    while (!"nora".equals(next.getString("from"))) {
      next = here.nextOfType("message");
    }
    assertEquals("still here", next.getString("text"));

    String metrics = HttpCall.get(old.httpPort(), "/metrics").body().toString();
    for (String what : List.of("item\"} 2.0", "close_reason\"} 1.0", "direct\"} 1.0")) {
      assertTrue(metrics.contains("framechat_cluster_unknown_total{what=\"" + what), what + " in " + metrics);
    }
    assertTrue(old.output().stream().noneMatch(line -> line.contains("Exception")), String.join("\n", old.output()));
  }

  /** The text of a message of {@code room} numbered in this batch (a STAMPED item), or null. */
  private static String stampedText(Buffer batch, String room) {
    Wire.Cursor in = new Wire.Cursor(batch);
    in.readByte();
    in.readString();
    in.readLong();
    int items = in.readInt();
    for (int i = 0; i < items; i++) {
      byte kind = in.readByte();
      int length = in.readInt();
      int end = in.pos + length;
      if (kind == ClusterLink.STAMPED && room.equals(in.readString())) {
        in.readString();
        in.readLong();
        FrameBatch frames = in.readFrames(HeaderByteOrder.BIG);
        return new JsonObject(frames.body(0)).getString("text");
      }
      in.pos = end;
    }
    return null;
  }

  @Test
  void a_node_does_not_join_a_cluster_it_cannot_talk_with() throws Exception {
    String cluster = "refuse-" + UUID.randomUUID();
    Config config = new Config().setClusterName(cluster);
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    int port = ServerProcess.freePort();
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + port));
    // a member of a release that reads only wire version 99
    config.getMemberAttributeConfig().setAttribute(Wire.MIN_ATTRIBUTE, "99");
    config.getMemberAttributeConfig().setAttribute(Wire.MAX_ATTRIBUTE, "99");
    HazelcastInstance far = Hazelcast.newHazelcastInstance(config);
    try (ServerProcess node = ServerProcess.start(node(cluster, port))) {
      assertEquals(1, node.awaitExit());
      List<String> said = node.output().stream().filter(line -> line.contains("cannot join the cluster")).toList();
      assertEquals(1, said.size(), String.join("\n", node.output()));
      assertTrue(said.get(0).contains("reads cluster wire versions 99 to 99, and this node 1 to 1"), said.get(0));
    } finally {
      far.shutdown();
    }
  }
}
