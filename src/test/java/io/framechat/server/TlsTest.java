package io.framechat.server;

import io.framechat.client.ClientTls;
import io.framechat.client.TcpChatConnection;
import io.framechat.config.TlsOptions;
import io.framechat.net.Tls;
import io.framechat.testing.HttpCall;
import io.framechat.testing.TestCertificates;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TCP over TLS, with certificates made at test time. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TlsTest {

  @TempDir
  Path dir;

  private NetClient plain;

  private static JsonObject tls(TestCertificates.Pair server) {
    return new JsonObject().put("enabled", true).put("certPath", server.cert().toString())
        .put("keyPath", server.key().toString());
  }

  private FramechatServer start(Vertx vertx, JsonObject tcpTls) {
    return TestServers.start(vertx, new JsonObject().put("tcp", new JsonObject().put("tls", tcpTls)));
  }

  private ClientTls trusting(TestCertificates ca) {
    return new ClientTls(true, ca.caCert.toString(), false, null, null);
  }

  @Test
  @DisplayName("a TLS TCP client and a UDP client chat in one room; framing is the same inside TLS")
  void tls_client_and_udp_client_chat(Vertx vertx) {
    TestCertificates ca = TestCertificates.ca(dir);
    FramechatServer server = start(vertx, tls(ca.issue("server", "localhost")));
    TestClient alice = TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("alice").join("secure");
    TestClient bob = TestClient.udp(vertx, server.udpPort()).hello("bob").join("secure");
    alice.send(new JsonObject().put("type", "say").put("room", "secure").put("text", "over TLS"));
    assertEquals("over TLS", bob.nextOfType("message").getString("text"));
    bob.send(new JsonObject().put("type", "say").put("room", "secure").put("text", "over UDP"));
    JsonObject message = alice.nextOfType("message");
    while (!"over UDP".equals(message.getString("text"))) {
      message = alice.nextOfType("message");
    }
    assertEquals("bob", message.getString("from"));
  }

  @Test
  @DisplayName("tls.engine openssl and jdk: each speaks TLS 1.3 and carries the chat; auto is OpenSSL here")
  void each_engine_speaks_tls13(Vertx vertx) throws Exception {
    assertTrue(Tls.engine("tcp.tls.engine", TlsOptions.Engine.AUTO) instanceof OpenSSLEngineOptions,
        "OpenSSL loads on Linux x86-64 (netty-tcnative-boringssl-static)");
    for (String engine : List.of("openssl", "jdk")) {
      TestCertificates ca = TestCertificates.ca(Files.createDirectories(dir.resolve(engine)));
      FramechatServer server = start(vertx, tls(ca.issue("server", "localhost")).put("engine", engine));
      TestClient alice = TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("alice").join("e");
      TestClient bob = TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("bob").join("e");
      assertEquals("TLSv1.3", ((TcpChatConnection) alice.connection()).socket().sslSession().getProtocol(), engine);
      alice.send("through " + engine);
      assertEquals("through " + engine, bob.nextOfType("message").getString("text"));
      server.stop().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a plaintext client on the TLS port gets nothing and is closed; TLS clients go on")
  void plaintext_client_is_closed(Vertx vertx) throws Exception {
    TestCertificates ca = TestCertificates.ca(dir);
    FramechatServer server = start(vertx, tls(ca.issue("server", "localhost")));
    plain = vertx.createNetClient();
    NetSocket socket = plain.connect(server.tcpPort(), "127.0.0.1").await(10, TimeUnit.SECONDS);
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
    socket.closeHandler(v -> closed.complete(null));
    socket.write(Buffer.buffer().appendInt(2).appendString("hi"));
    closed.get(15, TimeUnit.SECONDS);
    assertTrue(received.length() == 0 || received.getByte(0) == 0x15, "no framed reply, at most a TLS alert");
    TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("fine");
  }

  @Test
  @DisplayName("a client that does not trust the server's CA cannot connect")
  void untrusted_server_is_refused(Vertx vertx) {
    TestCertificates ca = TestCertificates.ca(dir);
    FramechatServer server = start(vertx, tls(ca.issue("server", "localhost")));
    // trusting only the JVM's CAs
    assertThrows(Throwable.class, () -> TestClient.tls(vertx, server.tcpPort(), new ClientTls(true, null, false, null, null))
        .welcomed());
  }

  @Test
  @DisplayName("with client certificates required, a client without one is refused, one with a certificate from the CA chats")
  void mutual_tls(Vertx vertx) throws Exception {
    TestCertificates ca = TestCertificates.ca(dir);
    TestCertificates.Pair server = ca.issue("server", "localhost");
    TestCertificates.Pair client = ca.issue("client", "alice");
    FramechatServer running = start(vertx, tls(server).put("clientAuth", "required")
        .put("clientCaPath", ca.caCert.toString()));
    assertThrows(Throwable.class, () -> TestClient.tls(vertx, running.tcpPort(), trusting(ca)).welcomed());
    TestClient.tls(vertx, running.tcpPort(), new ClientTls(true, ca.caCert.toString(), false,
        client.cert().toString(), client.key().toString())).welcomed().hello("alice");
  }

  @Test
  @DisplayName("new certificate files are put in force without a restart; connections open keep going")
  void certificates_reload_in_place(Vertx vertx) throws Exception {
    TestCertificates ca = TestCertificates.ca(dir);
    TestCertificates.Pair first = ca.issue("first", "localhost");
    Path cert = dir.resolve("live.pem");
    Path key = dir.resolve("live.key");
    Files.copy(first.cert(), cert);
    Files.copy(first.key(), key);
    FramechatServer server = start(vertx, tls(new TestCertificates.Pair(cert, key)));
    TestClient before = TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("before");
    String firstSerial = serial(before);

    TestCertificates.Pair second = ca.issue("second", "localhost");
    Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(cert, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    server.reloadCertificates().await(10, TimeUnit.SECONDS);
    TestClient after = TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("after");
    assertTrue(!firstSerial.equals(serial(after)), "the new connection got the new certificate");
    before.send("still here");
    assertEquals("still here", before.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("with http.tls, /health answers over HTTPS")
  void health_over_https(Vertx vertx) throws Exception {
    TestCertificates ca = TestCertificates.ca(dir);
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("http", new JsonObject()
        .put("tls", tls(ca.issue("server", "localhost")))));
    String body = HttpCall.getHttps(server.httpPort(), "/health", ca.caCert).body().toString();
    assertEquals("UP", new JsonObject(body).getString("status"));
  }

  @Test
  @DisplayName("with http.tls, a WebSocket client chats over wss:// with a TLS TCP client")
  void websocket_over_tls(Vertx vertx) {
    TestCertificates ca = TestCertificates.ca(dir);
    JsonObject tls = tls(ca.issue("server", "localhost"));
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("http", new JsonObject().put("tls", tls))
        .put("tcp", new JsonObject().put("tls", tls)));
    TestClient web = TestClient.wss(vertx, server.httpPort(), trusting(ca)).hello("web").join("secure");
    TestClient tcp = TestClient.tls(vertx, server.tcpPort(), trusting(ca)).welcomed().hello("tcp").join("secure");
    web.nextPresence("join");
    tcp.send("over TLS, from TCP");
    assertEquals("over TLS, from TCP", web.nextOfType("message").getString("text"));
    web.send("over wss");
    JsonObject message = tcp.nextOfType("message");
    while (!"web".equals(message.getString("from"))) {
      message = tcp.nextOfType("message");
    }
    assertEquals("over wss", message.getString("text"));
  }

  private static String serial(TestClient client) throws Exception {
    NetSocket socket = ((TcpChatConnection) client.connection()).socket();
    return ((X509Certificate) socket.sslSession().getPeerCertificates()[0]).getSerialNumber().toString();
  }
}
