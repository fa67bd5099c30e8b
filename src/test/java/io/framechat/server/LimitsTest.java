package io.framechat.server;

import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flood control, connection caps, name rules and keepalive, over real sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class LimitsTest {

  private static JsonObject limits(int perSecond, int burst, int maxViolations) {
    return new JsonObject().put("limits", new JsonObject()
        .put("messagesPerSecond", perSecond).put("burst", burst).put("maxViolations", maxViolations));
  }

  /**
   * Sends {@code count} messages at once and returns how many echoed, how many were refused, and
   * how many whole seconds the exchange took (each may have refilled a token at 1 a second).
   */
  private static int[] flood(TestClient client, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      client.send("flood " + i);
    }
    int echoed = 0;
    int refused = 0;
    List<JsonObject> frames = new java.util.ArrayList<>();
    while (echoed + refused < count) {
      JsonObject frame = client.next();
      frames.add(frame);
      if ("message".equals(frame.getString("type"))) {
        echoed++;
      } else if ("error".equals(frame.getString("type"))) {
        assertEquals("rate_limited", frame.getString("code"), frames.toString());
        refused++;
      }
    }
    return new int[] {echoed, refused, (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)};
  }

  /** {@code burst} echoed, plus at most one per second the exchange took; the rest refused. */
  private static void assertAllowance(int[] result, int burst, int count) {
    assertTrue(result[0] >= burst && result[0] <= burst + result[2],
        result[0] + " echoed: expected " + burst + " plus at most " + result[2] + " refilled");
    assertEquals(count - result[0], result[1], "refused");
  }

  @Test
  @DisplayName("over TCP, a burst past limits.burst is refused with rate_limited; the connection stays")
  void tcp_flood_is_rate_limited(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, limits(1, 5, 100));
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    assertAllowance(flood(client, 8), 5, 8);
    assertTrue(!client.isClosed());
  }

  @Test
  @DisplayName("a client that keeps flooding past limits.maxViolations gets bye (flooding) and is closed; others go on")
  void persistent_flood_is_cut_off(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, limits(1, 3, 4));
    TestClient honest = TestClient.tcp(vertx, server.tcpPort());
    TestClient flooder = TestClient.tcp(vertx, server.tcpPort());
    honest.sync();
    for (int i = 0; i < 20; i++) {
      flooder.connection().send("spam " + i);
    }
    assertEquals(new JsonObject().put("type", "bye").put("reason", "flooding"), flooder.nextOfType("bye"));
    flooder.awaitClosed();
    assertEquals(flooder.nick(), honest.nextPresence("leave").getString("nick"));
    honest.send("still fine");
    assertEquals("still fine", honest.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("over UDP, the same limits hold per session")
  void udp_flood_is_rate_limited(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, limits(1, 5, 100));
    TestClient client = TestClient.udp(vertx, server.udpPort());
    // the datagram that opened the session took a token
    assertAllowance(flood(client, 6), 4, 6);
  }

  @Test
  @DisplayName("joins and nick changes count against the limit too")
  void joins_and_nicks_count(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, limits(1, 3, 100));
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    // in one write, so the server takes all four in one go: no token refills in between
    FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);
    Buffer four = Buffer.buffer();
    List.of("/join a", "/nick someone", "/join b", "/join c").forEach(body -> encoder.append(four, Buffer.buffer(body)));
    client.sendRaw(four);
    // the refusal comes in its turn, like every other reply
    List<String> answers = new java.util.ArrayList<>();
    while (answers.size() < 4) {
      JsonObject frame = client.next();
      switch (frame.getString("type")) {
        case "joined" -> answers.add("joined " + frame.getString("room"));
        case "nick" -> answers.add("nick " + frame.getString("nick"));
        case "error" -> answers.add("error " + frame.getString("code"));
        default -> { }
      }
    }
    assertEquals(List.of("joined a", "nick someone", "joined b", "error rate_limited"), answers);
  }

  @Test
  @DisplayName("past limits.maxConnectionsPerIp a new TCP client gets too_many_connections, then the close")
  void per_ip_connection_cap(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("limits", "maxConnectionsPerIp", 2));
    TestClient first = TestClient.tcp(vertx, server.tcpPort());
    TestClient.tcp(vertx, server.tcpPort());
    TestClient refused = TestClient.tcp(vertx, server.tcpPort(), io.framechat.protocol.HeaderByteOrder.BIG);
    refused.nextError("too_many_connections");
    refused.awaitClosed();
    first.send("/quit");
    first.awaitClosed();
    TestClient.tcp(vertx, server.tcpPort()).sync();
  }

  @Test
  @DisplayName("limits.maxConnections counts TCP connections and UDP sessions together")
  void total_connection_cap_counts_udp(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("limits", "maxConnections", 2));
    TestClient.tcp(vertx, server.tcpPort());
    TestClient.udp(vertx, server.udpPort());
    TestClient refused = TestClient.udpUnopened(vertx, server.udpPort());
    refused.send("hello?");
    refused.nextError("too_many_connections");
  }

  @Test
  @DisplayName("past udp.maxSessions a datagram from a new address gets too_many_connections and no session")
  void udp_session_cap(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("udp", "maxSessions", 1));
    TestClient.udp(vertx, server.udpPort());
    TestClient second = TestClient.udpUnopened(vertx, server.udpPort());
    second.send("/rooms");
    second.nextError("too_many_connections");
  }

  @Test
  @DisplayName("reserved nicks and the guest- prefix are bad_request")
  void reserved_nicks(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    for (String nick : List.of("Server", "ADMIN", "guest-99")) {
      client.send(new JsonObject().put("type", "hello").put("nick", nick));
      client.nextError("bad_request");
    }
    client.hello(client.nick().toUpperCase(Locale.ROOT));
  }

  @Test
  @DisplayName("keepalive: a silent client is pinged at half tcp.idleTimeoutSeconds; answering keeps it, silence closes it")
  void keepalive_pings_then_closes(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "idleTimeoutSeconds", 2));
    TestClient answering = TestClient.tcp(vertx, server.tcpPort());
    TestClient silent = TestClient.tcp(vertx, server.tcpPort());
    JsonObject ping = answering.nextOfType("ping");
    answering.connection().pong(ping);
    assertEquals("ping", silent.nextOfType("ping").getString("type"));
    assertEquals(new JsonObject().put("type", "bye").put("reason", "idle"), silent.nextOfType("bye"));
    silent.awaitClosed();
    // the answering client's next ping may come before or after the silent one's leave: answer it either way
    JsonObject frame = answering.next();
    while (!"presence".equals(frame.getString("type")) || !"leave".equals(frame.getString("event"))) {
      if ("ping".equals(frame.getString("type"))) {
        answering.connection().pong(frame);
      }
      frame = answering.next();
    }
    assertEquals(silent.nick(), frame.getString("nick"));
    answering.connection().pong(answering.nextOfType("ping"));
    answering.sync();
  }

  @Test
  @DisplayName("a frame dripped a byte at a time is cut at tcp.frameTimeoutSeconds, though bytes keep coming; a partial header too")
  void slow_frames_are_cut(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "frameTimeoutSeconds", 1));
    for (Buffer start : List.of(Buffer.buffer().appendInt(100).appendString("drip"), Buffer.buffer(new byte[] {0, 0}))) {
      TestClient dripper = TestClient.tcp(vertx, server.tcpPort());
      dripper.sendRaw(start);
      long timer = vertx.setPeriodic(200, t -> dripper.sendRaw(Buffer.buffer(new byte[] {'.'})));
      try {
        JsonObject error = dripper.nextOfType("error");
        assertEquals("frame_timeout", error.getString("code"), error.encode());
        dripper.awaitClosed();
      } finally {
        vertx.cancelTimer(timer);
      }
    }
    TestClient honest = TestClient.tcp(vertx, server.tcpPort());
    honest.send("frames on time are fine");
    assertEquals("frames on time are fine", honest.nextOfType("message").getString("text"));
  }
}
