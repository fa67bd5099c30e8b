package io.framechat.server;

import io.framechat.testing.RawSocket;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP port tells browsers and whom it answers: the page's security headers, no caching of
 * operators' answers, text that is not UTF-8 refused over WebSocket as over TCP, and host names not
 * the server's own refused on {@code /ws} and {@code /api} (DNS rebinding).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class WebTrustTest {

  private static final String ADMIN_TOKEN = "web-trust-admin-token";

  private static String request(int port, String path, String host, String... headers) {
    try (RawSocket socket = RawSocket.connect("127.0.0.1", port)) {
      StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      socket.send(request.append("\r\n").toString());
      return new String(socket.awaitClosed(10_000), StandardCharsets.ISO_8859_1);
    }
  }

  private static String upgrade(int port, String host, String origin) {
    try (RawSocket socket = RawSocket.connect("127.0.0.1", port)) {
      socket.send("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n");
      String answer = socket.readFor(1000);
      return answer.substring(0, answer.indexOf("\r\n"));
    }
  }

  @Test
  @DisplayName("the page and its files carry a Content-Security-Policy (own origin, no framing), nosniff and no-referrer; /metrics and /api are no-store")
  void security_headers(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("admin", "token", ADMIN_TOKEN));
    for (String path : new String[] {"/", "/app.js", "/style.css"}) {
      String answer = request(server.httpPort(), path, "localhost").toLowerCase(Locale.ROOT);
      assertTrue(answer.startsWith("http/1.1 200"), path);
      assertTrue(answer.contains("content-security-policy: default-src 'self'; script-src 'self'"), path);
      assertTrue(answer.contains("frame-ancestors 'none'"), path);
      assertTrue(answer.contains("x-content-type-options: nosniff"), path);
      assertTrue(answer.contains("referrer-policy: no-referrer"), path);
    }
    assertTrue(request(server.httpPort(), "/metrics", "localhost").toLowerCase(Locale.ROOT).contains("cache-control: no-store"));
    String api = request(server.httpPort(), "/api/info", "localhost", "Authorization: Bearer " + ADMIN_TOKEN).toLowerCase(Locale.ROOT);
    assertTrue(api.startsWith("http/1.1 200"), api);
    assertTrue(api.contains("cache-control: no-store"));
  }

  @Test
  @DisplayName("WebSocket text that is not UTF-8 is bad_utf8, as over TCP, and nothing is said to the room")
  void websocket_text_must_be_utf8(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    TestClient listener = TestClient.tcp(vertx, server.tcpPort()).hello("listener");
    listener.sync();
    try (RawSocket socket = RawSocket.connect("127.0.0.1", server.httpPort())) {
      socket.send("""
          GET /ws HTTP/1.1\r
          Host: 127.0.0.1\r
          Upgrade: websocket\r
          Connection: Upgrade\r
          Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
          Sec-WebSocket-Version: 13\r
          \r
          """);
      assertTrue(socket.readFor(500).startsWith("HTTP/1.1 101"));
      byte[] text = {'h', 'i', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF};
      socket.send(maskedText(text));
      String reply = socket.readFor(1000);
      assertTrue(reply.contains("\"code\":\"bad_utf8\""), reply);
    }
    listener.assertNothingPendingBut("presence");
  }

  @Test
  @DisplayName("under a host name not its own, /ws and /api answer 403; localhost, the listen address and http.publicHosts are answered")
  void other_host_names_are_refused(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("admin", new JsonObject().put("token", ADMIN_TOKEN))
        .put("http", new JsonObject().put("publicHosts", new JsonArray().add("chat.example.org"))));
    int port = server.httpPort();
    assertEquals("HTTP/1.1 403 Forbidden", upgrade(port, "rebound.example:" + port, "http://rebound.example:" + port));
    assertTrue(request(port, "/api/info", "rebound.example", "Authorization: Bearer " + ADMIN_TOKEN)
        .startsWith("HTTP/1.1 403"));
    assertEquals("HTTP/1.1 101 Switching Protocols", upgrade(port, "localhost:" + port, "http://localhost:" + port));
    assertEquals("HTTP/1.1 101 Switching Protocols", upgrade(port, "127.0.0.1:" + port, "http://127.0.0.1:" + port));
    assertEquals("HTTP/1.1 101 Switching Protocols",
        upgrade(port, "chat.example.org", "http://chat.example.org"));
    assertTrue(request(port, "/api/info", "chat.example.org", "Authorization: Bearer " + ADMIN_TOKEN)
        .startsWith("HTTP/1.1 200"));
  }

  /** One text frame from a client (masked, as RFC 6455 asks of clients). */
  private static byte[] maskedText(byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length);
    byte[] mask = {1, 2, 3, 4};
    frame.write(mask, 0, 4);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }
}
