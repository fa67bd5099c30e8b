package io.framechat.server;

import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.RawSocket;
import io.framechat.testing.TestCertificates;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one address can hold of the server: every socket it opens counts from the moment it is
 * accepted, on every listener, before TLS and before an HTTP request or an upgrade; an HTTP
 * connection that says nothing, or drips its request head, or never finishes its TLS handshake, is
 * closed. The attacker connects from 127.0.0.2, the honest clients from 127.0.0.1.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ConnectionGuardTest {

  private static final String ATTACKER = "127.0.0.2";
  private static final String HONEST = "127.0.0.1";

  @TempDir
  Path dir;
  private final List<RawSocket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(RawSocket::close);
  }

  private RawSocket open(String from, int port) {
    RawSocket socket = RawSocket.connect(from, port);
    sockets.add(socket);
    return socket;
  }

  private static String get(int port, String path) {
    try (RawSocket socket = RawSocket.connect(HONEST, port)) {
      socket.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      return new String(socket.awaitClosed(10_000), StandardCharsets.ISO_8859_1);
    }
  }

  /** Waits (5 s at most) for the counter to count at least one, by listener if one is named. */
  private static void assertCounted(FramechatServer server, String name, String listener) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      var search = server.metrics().registry().find(name);
      var counter = (listener == null ? search : search.tag("listener", listener)).counter();
      if (counter != null && counter.count() >= 1) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError(name + (listener == null ? "" : " {listener=" + listener + "}") + " counted nothing");
  }

  @Test
  @DisplayName("sockets that say nothing count against limits.maxConnectionsPerIp on every listener; past it they are closed at once, and other addresses are served")
  void idle_sockets_count_on_every_listener(Vertx vertx) {
    JsonObject config = new JsonObject()
        .put("limits", new JsonObject().put("maxConnectionsPerIp", 4))
        .put("http", new JsonObject().put("management", new JsonObject().put("enabled", true).put("port", 0)));
    FramechatServer server = TestServers.start(vertx, config);
    open(ATTACKER, server.httpPort());
    open(ATTACKER, server.httpPort());
    open(ATTACKER, server.managementPort());
    RawSocket chat = open(ATTACKER, server.tcpPort());
    assertTrue(chat.readFor(500).contains("welcome"), "the fourth socket, a chat client, is let in");

    String refused = new String(open(ATTACKER, server.httpPort()).awaitClosed(5000), StandardCharsets.ISO_8859_1);
    assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
    assertTrue(new String(open(ATTACKER, server.managementPort()).awaitClosed(5000), StandardCharsets.ISO_8859_1)
        .startsWith("HTTP/1.1 503"));
    byte[] frame = open(ATTACKER, server.tcpPort()).awaitClosed(5000);
    String body = new String(frame, 4, ByteBuffer.wrap(frame).getInt(), StandardCharsets.UTF_8);
    assertEquals("too_many_connections", new JsonObject(body).getString("code"));

    TestClient honest = TestClient.tcp(vertx, server.tcpPort());
    honest.hello("honest").sync();
    assertTrue(get(server.managementPort(), "/health").startsWith("HTTP/1.1 200"), "/health answers");
    assertTrue(get(server.httpPort(), "/").startsWith("HTTP/1.1 200"), "the page is served");
    double counted = server.metrics().registry().find("framechat.connections.refused").tag("listener", "http")
        .counter().count();
    assertEquals(1.0, counted);

    sockets.get(0).close();
    // the server hears of the close a moment later: until then a newcomer is still refused (and closed)
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (true) {
      RawSocket again = open(ATTACKER, server.httpPort());
      again.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      String answer = new String(again.awaitClosedOrData(1000), StandardCharsets.ISO_8859_1);
      if (answer.startsWith("HTTP/1.1 404")) {
        break;
      }
      assertTrue(answer.startsWith("HTTP/1.1 503") && System.nanoTime() < deadline, "a place given back is taken"
          + " again; got " + answer);
    }
  }

  @Test
  @DisplayName("an HTTP connection with no request in progress for http.idleTimeoutSeconds is closed: one that never spoke, and a keep-alive one")
  void idle_http_connections_are_closed(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("http", "idleTimeoutSeconds", 1));
    RawSocket silent = open(ATTACKER, server.httpPort());
    RawSocket keptAlive = open(ATTACKER, server.httpPort());
    keptAlive.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertEquals(0, silent.awaitClosed(5000).length);
    String answered = new String(keptAlive.awaitClosed(5000), StandardCharsets.ISO_8859_1);
    assertTrue(answered.startsWith("HTTP/1.1 200"), answered);
  }

  @Test
  @DisplayName("a request head dripped a line at a time is cut limits.handshakeTimeoutSeconds after its first byte, though bytes keep coming")
  void dripped_request_head_is_cut(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("limits", "handshakeTimeoutSeconds", 1));
    RawSocket drip = open(ATTACKER, server.httpPort());
    CompletableFuture<byte[]> closed = CompletableFuture.supplyAsync(() -> drip.awaitClosed(10_000));
    long began = System.nanoTime();
    drip.send("GET / HTTP/1.1\r\n");
    for (int i = 0; i < 30 && !closed.isDone(); i++) {
      TimeUnit.MILLISECONDS.sleep(200);
      try {
        drip.send("X-Drip-" + i + ": still typing\r\n");
      } catch (AssertionError sendFailed) {
        break;
      }
    }
    assertEquals(0, closed.get(10, TimeUnit.SECONDS).length, "closed without an answer");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
    assertTrue(seconds < 4, "closed after " + seconds + " s of dripping");
    assertCounted(server, "framechat.http.heads.timed.out", null);
  }

  @Test
  @DisplayName("a TLS handshake not finished within limits.handshakeTimeoutSeconds is cut, on the chat port and the HTTP port")
  void unfinished_tls_handshake_is_cut(Vertx vertx) throws Exception {
    TestCertificates ca = TestCertificates.ca(dir);
    TestCertificates.Pair cert = ca.issue("server", "localhost");
    JsonObject tls = new JsonObject().put("enabled", true).put("certPath", cert.cert().toString())
        .put("keyPath", cert.key().toString());
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("limits", new JsonObject().put("handshakeTimeoutSeconds", 1))
        .put("tcp", new JsonObject().put("tls", tls)).put("http", new JsonObject().put("tls", tls.copy())));
    RawSocket tcp = open(ATTACKER, server.tcpPort());
    RawSocket http = open(ATTACKER, server.httpPort());
    long began = System.nanoTime();
    tcp.awaitClosed(5000);
    http.awaitClosed(5000);
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began) < 4);
    assertCounted(server, "framechat.tls.handshakes.failed", "tcp");
    assertCounted(server, "framechat.tls.handshakes.failed", "http");
  }

  @Test
  @DisplayName("a WebSocket chat outlives the HTTP timeouts: it is kept alive as TCP clients are")
  void websocket_is_not_cut_by_http_timeouts(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("idleTimeoutSeconds", 1))
        .put("limits", new JsonObject().put("handshakeTimeoutSeconds", 1)));
    TestClient browser = TestClient.ws(vertx, server.httpPort()).hello("ada");
    TimeUnit.MILLISECONDS.sleep(2500);
    browser.send(new JsonObject().put("type", "say").put("text", "still here"));
    assertEquals("still here", browser.nextOfType("message").getString("text"));
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG).welcomed();
    tcp.sync();
  }
}
