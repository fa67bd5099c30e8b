package io.framechat.server;

import io.framechat.config.FramechatConfig;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flood control, connection caps, name rules and keepalive, over real sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class LimitsTest {

  private static Consumer<FramechatConfig> limits(int perSecond, int burst, int maxViolations) {
    return config -> config.getLimits().setMessagesPerSecond(perSecond).setBurst(burst).setMaxViolations(maxViolations);
  }

  /** Sends {@code count} messages at once and returns how many echoed and how many were refused. */
  private static int[] flood(TestClient client, int count) {
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
    return new int[] {echoed, refused};
  }

  @Test
  @DisplayName("over TCP, a burst past limits.burst is refused with rate_limited; the connection stays")
  void tcp_flood_is_rate_limited(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, limits(1, 5, 100));
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    int[] result = flood(client, 8);
    assertEquals(5, result[0], "echoed");
    assertEquals(3, result[1], "refused");
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
    int[] result = flood(client, 6);
    assertEquals(4, result[0], "echoed (the opening ping took a token)");
    assertEquals(2, result[1], "refused");
  }

  @Test
  @DisplayName("joins and nick changes count against the limit too")
  void joins_and_nicks_count(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, limits(1, 3, 100));
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    client.send("/join a");
    client.send("/nick someone");
    client.send("/join b");
    client.send("/join c");
    // the refusal is answered at once, by the connection; the others after the chat handled them
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
    assertEquals(List.of("error rate_limited", "joined a", "joined b", "nick someone"),
        answers.stream().sorted().toList());
  }

  @Test
  @DisplayName("past limits.maxConnectionsPerIp a new TCP client gets too_many_connections, then the close")
  void per_ip_connection_cap(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, config -> config.getLimits().setMaxConnectionsPerIp(2));
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
    FramechatServer server = TestServers.start(vertx, config -> config.getLimits().setMaxConnections(2));
    TestClient.tcp(vertx, server.tcpPort());
    TestClient.udp(vertx, server.udpPort());
    TestClient refused = TestClient.udpUnopened(vertx, server.udpPort());
    refused.send("hello?");
    refused.nextError("too_many_connections");
  }

  @Test
  @DisplayName("past udp.maxSessions a datagram from a new address gets too_many_connections and no session")
  void udp_session_cap(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, config -> config.getUdp().setMaxSessions(1));
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
    client.hello(client.nick().toUpperCase());
  }

  @Test
  @DisplayName("keepalive: a silent client is pinged at half tcp.idleTimeoutSeconds; answering keeps it, silence closes it")
  void keepalive_pings_then_closes(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, config -> config.getTcp().setIdleTimeoutSeconds(2));
    TestClient answering = TestClient.tcp(vertx, server.tcpPort());
    TestClient silent = TestClient.tcp(vertx, server.tcpPort());
    JsonObject ping = answering.nextOfType("ping");
    answering.connection().pong(ping);
    assertEquals("ping", silent.nextOfType("ping").getString("type"));
    assertEquals(new JsonObject().put("type", "bye").put("reason", "idle"), silent.nextOfType("bye"));
    silent.awaitClosed();
    assertEquals(silent.nick(), answering.nextPresence("leave").getString("nick"));
    answering.connection().pong(answering.nextOfType("ping"));
    answering.sync();
  }
}
