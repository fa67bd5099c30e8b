package io.framechat.server;

import io.framechat.http.HealthState;
import io.framechat.testing.HttpCall;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health endpoints, idle timeout and graceful stop. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class LifecycleTest {

  private JsonObject get(FramechatServer server, String path, int expectedStatus) {
    HttpCall.Answer answer = HttpCall.get(server.httpPort(), path);
    assertEquals(expectedStatus, answer.status(), path);
    return answer.body().length() == 0 ? new JsonObject() : answer.body().toJsonObject();
  }

  @Test
  @DisplayName("/health is 200 UP while serving and 503 DOWN while draining; /health/live stays 200")
  void health_reports_readiness_and_liveness(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    assertEquals("UP", get(server, "/health", 200).getString("status"));
    assertEquals("UP", get(server, "/health/ready", 200).getString("status"));
    assertEquals("UP", get(server, "/health/live", 200).getString("status"));
    get(server, "/nothing-here", 404);
    server.health().phase(HealthState.Phase.DRAINING);
    assertEquals("DOWN", get(server, "/health", 503).getString("status"));
    assertEquals("UP", get(server, "/health/live", 200).getString("status"));
  }

  @Test
  @DisplayName("/metrics serves framechat's meters in Prometheus text: connections, messages, deliveries, errors")
  void metrics_count_what_happens(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    TestClient alice = TestClient.tcp(vertx, server.tcpPort());
    TestClient bob = TestClient.udp(vertx, server.udpPort());
    TestClient carol = TestClient.ws(vertx, server.httpPort());
    alice.send("hello");
    alice.nextOfType("message");
    bob.nextOfType("message");
    carol.nextOfType("message");
    alice.send("/fly");
    alice.nextError("unknown_command");
    String text = HttpCall.get(server.httpPort(), "/metrics").body().toString();
    assertTrue(text.contains("framechat_connections{transport=\"tcp\"} 1.0"), text);
    assertTrue(text.contains("framechat_connections{transport=\"udp\"} 1.0"), text);
    assertTrue(text.contains("framechat_connections{transport=\"ws\"} 1.0"), text);
    assertTrue(text.contains("framechat_deliveries_total{transport=\"ws\"} 2.0"), text); // welcome, message
    assertTrue(text.contains("framechat_messages_total 1.0"), text);
    assertTrue(text.contains("framechat_errors_total{code=\"unknown_command\"} 1.0"), text);
    assertTrue(text.contains("framechat_cluster_members 1.0"), text);
    assertTrue(text.contains("framechat_deliveries_total{transport=\"tcp\"}"), text);
  }

  @Test
  @DisplayName("with http.management on, /health, /metrics and /api answer on the management port only; the main port keeps the page and WebSocket")
  void management_port(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("management", new JsonObject().put("enabled", true).put("port", 0)))
        .put("admin", new JsonObject().put("token", "a-token-long-enough-to-pass")));
    assertTrue(server.managementPort() != server.httpPort());
    for (String path : List.of("/health", "/health/ready", "/metrics", "/api/info")) {
      assertEquals(404, status(server.httpPort(), path), path + " on the main port");
    }
    assertEquals(200, status(server.managementPort(), "/health"));
    assertEquals(200, status(server.managementPort(), "/metrics"));
    assertEquals(401, status(server.managementPort(), "/api/info"), "the API is there, and wants its token");
    assertEquals(200, status(server.httpPort(), "/"));
    assertEquals(404, status(server.managementPort(), "/"));
    TestClient.ws(vertx, server.httpPort()).send("hello over the main port").nextOfType("message");
  }

  private static int status(int port, String path) {
    return HttpCall.get(port, path).status();
  }

  @Test
  @DisplayName("stopping the server sends bye (reason shutdown) to TCP and UDP clients and closes TCP connections")
  void stop_says_bye_to_everyone(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort());
    TestClient udp = TestClient.udp(vertx, server.udpPort());
    server.stop().await(20, TimeUnit.SECONDS);
    assertEquals(new JsonObject().put("type", "bye").put("reason", "shutdown").put("reconnect", true),
        tcp.nextOfType("bye"));
    tcp.awaitClosed();
    assertEquals("shutdown", udp.nextOfType("bye").getString("reason"));
  }

  @Test
  @DisplayName("a drain loses nothing: what any member got, every member got, echoes included; later says get shutting_down")
  void drain_loses_no_accepted_message(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("server", "drainSeconds", 2));
    List<TestClient> members = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      members.add(TestClient.tcp(vertx, server.tcpPort()));
    }
    members.add(TestClient.udp(vertx, server.udpPort()));
    members.add(TestClient.udp(vertx, server.udpPort()));
    TestClient publisher = TestClient.tcp(vertx, server.tcpPort());
    members.forEach(TestClient::sync);
    AtomicInteger said = new AtomicInteger();
    long timer = vertx.setPeriodic(5, t -> {
      if (!publisher.isClosed()) {
        publisher.connection().send(new JsonObject().put("type", "say").put("text", "m" + said.incrementAndGet()));
      }
    });
    // about a second of 200 messages a second, then the stop, while the publisher goes on
    List<JsonObject> first = new ArrayList<>();
    while (first.stream().filter(f -> "message".equals(f.getString("type"))).count() < 200) {
      first.add(members.get(0).next());
    }
    Future<Void> stopped = server.stop();

    List<JsonObject> published = publisher.untilBye();
    vertx.cancelTimer(timer);
    List<Long> echoed = seqs(published);
    assertTrue(published.stream().anyMatch(f -> "shutting_down".equals(f.getString("code"))),
        "the publisher was told shutting_down");
    assertTrue(echoed.size() >= 200, "echoes: " + echoed.size());
    for (int i = 0; i < members.size(); i++) {
      List<JsonObject> frames = new ArrayList<>(i == 0 ? first : List.of());
      frames.addAll(members.get(i).untilBye());
      assertEquals(new JsonObject().put("type", "bye").put("reason", "shutdown").put("reconnect", true),
          frames.get(frames.size() - 1));
      assertEquals(echoed, seqs(frames), "member " + i + " got exactly what the sender's echoes show");
    }
    for (int i = 0; i < echoed.size(); i++) {
      assertEquals(i + 1L, echoed.get(i), "seqs with no gap");
    }
    stopped.await(20, TimeUnit.SECONDS);
  }

  private static List<Long> seqs(List<JsonObject> frames) {
    return frames.stream().filter(f -> "message".equals(f.getString("type"))).map(f -> f.getLong("seq")).toList();
  }

  @Test
  @DisplayName("a TCP client silent for tcp.idleTimeoutSeconds gets bye idle and is closed; an active one stays")
  void idle_client_is_closed(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "idleTimeoutSeconds", 2));
    TestClient idle = TestClient.tcp(vertx, server.tcpPort());
    TestClient active = TestClient.tcp(vertx, server.tcpPort());
    long pinger = vertx.setPeriodic(250, t -> active.connection().send("{\"type\":\"ping\"}"));
    assertEquals(new JsonObject().put("type", "bye").put("reason", "idle"), idle.nextOfType("bye"));
    idle.awaitClosed();
    assertEquals(idle.nick(), active.nextPresence("leave").getString("nick"));
    vertx.cancelTimer(pinger);
    active.assertNothingPendingBut("pong");
  }
}
