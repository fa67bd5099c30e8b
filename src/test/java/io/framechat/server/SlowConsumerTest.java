package io.framechat.server;

import io.framechat.client.TcpChatConnection;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@Timeout(90)
class SlowConsumerTest {

  /** Enough data to fill the kernel's socket buffers on loopback (several MB) and then the send queue. */
  private static final int MESSAGES = 4000;
  private static final String TEXT = "x".repeat(4000);
  /**
   * The send queue bound: an eighth of all the data sent (4,000 messages of 4 KB, 16 MB), so the
   * client that stops reading passes it well before the end, while the one that reads rides out a
   * pause of its JVM (the test's own, shared with the server) without being taken for a slow consumer.
   */
  private static final int SEND_QUEUE_BYTES = 2 * 1024 * 1024;

  @Test
  @DisplayName("a client that stops reading is cut off past tcp.sendQueueBytes; a fast client gets every message, in order")
  void slow_consumer_is_disconnected_and_others_lose_nothing(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "sendQueueBytes", SEND_QUEUE_BYTES));
    TestClient fast = TestClient.tcp(vertx, server.tcpPort()).hello("fast");
    // a small receive buffer stops the kernel from soaking up tens of MB for the client that does not read
    TestClient slow = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG,
        new NetClientOptions().setReceiveBufferSize(16 * 1024)).welcomed().hello("slow");
    TestClient publisher = TestClient.tcp(vertx, server.tcpPort()).hello("publisher");
    fast.sync();
    slow.sync();
    ((TcpChatConnection) slow.connection()).socket().pause();

    for (int i = 0; i < MESSAGES; i++) {
      publisher.send(new JsonObject().put("type", "say").put("text", i + ":" + TEXT));
    }

    boolean slowLeft = false;
    for (int i = 0; i < MESSAGES; i++) {
      JsonObject frame = fast.next();
      while (!"message".equals(frame.getString("type"))) {
        slowLeft |= "presence".equals(frame.getString("type")) && "slow".equals(frame.getString("nick"))
            && "leave".equals(frame.getString("event"));
        frame = fast.next();
      }
      assertEquals(i + ":" + TEXT, frame.getString("text"), "message " + i + " in order");
    }
    if (!slowLeft) {
      assertEquals("slow", fast.nextPresence("leave").getString("nick"));
    }

    ((TcpChatConnection) slow.connection()).socket().resume();
    List<JsonObject> received = slow.awaitClosedAndDrain();
    long delivered = received.stream().filter(f -> "message".equals(f.getString("type"))).count();
    assertTrue(delivered < MESSAGES, "the slow client was cut off before the end, got " + delivered);
  }

  @Test
  @DisplayName("with tcp.slowConsumer = drop, a client that stops reading loses messages, is told, and stays connected")
  void drop_policy_keeps_the_slow_client(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("tcp", new JsonObject()
        .put("sendQueueBytes", SEND_QUEUE_BYTES).put("slowConsumer", "drop")));
    TestClient fast = TestClient.tcp(vertx, server.tcpPort()).hello("fast");
    TestClient slow = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG,
        new NetClientOptions().setReceiveBufferSize(16 * 1024)).welcomed().hello("slow");
    TestClient publisher = TestClient.tcp(vertx, server.tcpPort()).hello("publisher");
    fast.sync();
    slow.sync();
    ((TcpChatConnection) slow.connection()).socket().pause();
    for (int i = 0; i < MESSAGES; i++) {
      publisher.send(new JsonObject().put("type", "say").put("text", i + ":" + TEXT));
    }
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(i + ":" + TEXT, fast.nextOfType("message").getString("text"), "message " + i + " in order");
    }
    ((TcpChatConnection) slow.connection()).socket().resume();
    long delivered = 0;
    boolean told = false;
    for (JsonObject frame : slow.sync()) {
      delivered += "message".equals(frame.getString("type")) ? 1 : 0;
      told |= "error".equals(frame.getString("type")) && "slow_consumer".equals(frame.getString("code"));
    }
    assertTrue(told, "the slow client was told");
    assertTrue(delivered < MESSAGES, "some messages were dropped, got " + delivered);
    assertTrue(!slow.isClosed(), "the slow client is still connected");
    assertTrue(server.metrics().registry().get("framechat.dropped").counter().count() > 0);
  }
}
