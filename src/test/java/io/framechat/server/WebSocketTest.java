package io.framechat.server;

import io.framechat.client.ClientTls;
import io.framechat.client.WsChatConnection;
import io.framechat.testing.HttpCall;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat over WebSocket on the HTTP port, with a real WebSocket client, beside TCP and UDP clients. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class WebSocketTest {

  @Test
  @DisplayName("a WebSocket client chats with a TCP and a UDP client in one room, both ways; presence and who include it")
  void chats_with_tcp_and_udp(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    TestClient web = TestClient.ws(vertx, server.httpPort()).hello("webby").join("dev");
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("tess").join("dev");
    TestClient udp = TestClient.udp(vertx, server.udpPort()).hello("udo").join("dev");
    JsonObject joined = web.nextPresence("join");
    while (!"dev".equals(joined.getString("room"))) {
      joined = web.nextPresence("join");
    }
    assertEquals("tess", joined.getString("nick"));
    web.send("hello from a browser");
    for (TestClient other : new TestClient[] {tcp, udp}) {
      JsonObject message = other.nextOfType("message");
      assertEquals("webby", message.getString("from"));
      assertEquals("hello from a browser", message.getString("text"));
    }
    tcp.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "hi <b>web</b>"));
    JsonObject atWeb = web.nextOfType("message");
    while (!"tess".equals(atWeb.getString("from"))) {
      atWeb = web.nextOfType("message");
    }
    assertEquals("hi <b>web</b>", atWeb.getString("text"));
    web.send("/who dev");
    assertEquals(3, web.nextOfType("who").getJsonArray("nicks").size());
    udp.send("/msg webby psst");
    assertEquals("psst", web.nextOfType("whisper").getString("text"));
  }

  @Test
  @DisplayName("history and resume work over WebSocket: a joiner gets the latest messages marked history")
  void history_on_join(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).join("dev");
    tcp.send("one");
    tcp.send("two");
    tcp.nextOfType("message");
    tcp.nextOfType("message");
    TestClient web = TestClient.ws(vertx, server.httpPort());
    web.send(new JsonObject().put("type", "join").put("room", "dev"));
    assertEquals(2L, web.nextOfType("joined").getLong("seq"));
    JsonObject first = web.nextOfType("message");
    assertEquals("one", first.getString("text"));
    assertEquals(true, first.getBoolean("history"));
    assertEquals("two", web.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("a binary message is bad_request; a text message over http.websocket.maxFrameBytes is frame_too_large and closes")
  void frames_and_limits(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("http", "websocket",
        new JsonObject().put("maxFrameBytes", 1024)));
    WsChatConnection raw = WsChatConnection.connect(vertx.getOrCreateContext(), vertx.createWebSocketClient(),
        "127.0.0.1", server.httpPort(), "/ws", ClientTls.NONE).await();
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    raw.frameHandler(frames::add);
    assertEquals("welcome", poll(frames).getString("type"));
    raw.sendBinary(Buffer.buffer("{\"type\":\"ping\"}"));
    assertEquals("bad_request", poll(frames).getString("code"));
    raw.send("{\"type\":\"ping\",\"id\":7}");
    assertEquals(7, poll(frames).getInteger("id"));
    raw.send("x".repeat(1500));
    assertEquals("frame_too_large", poll(frames).getString("code"));
    TestClient other = TestClient.ws(vertx, server.httpPort());
    other.send("/quit");
    assertEquals("quit", other.nextOfType("bye").getString("reason"));
    other.awaitClosed();
  }

  @Test
  @DisplayName("a page from another origin may not connect (403); the same origin (always), a listed one, or no Origin may")
  void origins(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    WebSocketClient http = vertx.createWebSocketClient();
    int port = server.httpPort();
    assertEquals(403, upgrade(http, port, "http://evil.example.org"));
    assertEquals(101, upgrade(http, port, "http://127.0.0.1:" + port));
    assertEquals(101, upgrade(http, port, null));
    FramechatServer listed = TestServers.start(vertx, TestServers.set("http", "websocket",
        new JsonObject().put("allowedOrigins", new JsonArray().add("https://chat.example.org"))));
    assertEquals(101, upgrade(http, listed.httpPort(), "https://chat.example.org"));
    assertEquals(101, upgrade(http, listed.httpPort(), "http://127.0.0.1:" + listed.httpPort()));
    assertEquals(403, upgrade(http, listed.httpPort(), "http://127.0.0.1:1"));
  }

  @Test
  @DisplayName("a WebSocket client that stops reading is cut off past tcp.sendQueueBytes (slow_consumer); a reading one gets every message, in order")
  void slow_consumer(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "sendQueueBytes", 2 * 1024 * 1024));
    TestClient fast = TestClient.ws(vertx, server.httpPort()).hello("fast");
    WsChatConnection stalled = WsChatConnection.connect(vertx.getOrCreateContext(),
        vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(16 * 1024)),
        "127.0.0.1", server.httpPort(), "/ws", ClientTls.NONE).await();
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    stalled.frameHandler(frames::add);
    assertEquals("welcome", poll(frames).getString("type"));
    stalled.socket().pause();
    TestClient publisher = TestClient.tcp(vertx, server.tcpPort()).hello("publisher");
    String text = "x".repeat(4000);
    // 16 MB past a 2 MB bound
    int messages = 4000;
    // in batches that the reading client takes in before the next: it is never far behind, even on a
    // busy machine, while the stalled one falls further behind with every batch
    int batch = 100;
    for (int sent = 0; sent < messages; sent += batch) {
      for (int i = sent; i < sent + batch; i++) {
        publisher.send(new JsonObject().put("type", "say").put("text", i + ":" + text));
      }
      for (int i = sent; i < sent + batch; i++) {
        assertEquals(i + ":" + text, fast.nextOfType("message").getString("text"), "message " + i + " in order");
      }
    }
    stalled.socket().resume();
    JsonObject frame = poll(frames);
    int delivered = 0;
    while (!"error".equals(frame.getString("type"))) {
      delivered += "message".equals(frame.getString("type")) ? 1 : 0;
      frame = poll(frames);
    }
    assertEquals("slow_consumer", frame.getString("code"));
    assertTrue(delivered < messages, "cut off before the end, got " + delivered);
  }

  /** The status of a WebSocket upgrade with this Origin (none when null): 101 when taken. */
  private static int upgrade(WebSocketClient client, int port, String origin) throws Exception {
    WebSocketConnectOptions request = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .setAllowOriginHeader(origin != null);
    if (origin != null) {
      request.addHeader("Origin", origin);
    }
    return client.connect(request)
        .compose(socket -> socket.close().map(101))
        .recover(e -> e instanceof UpgradeRejectedException rejected ? Future.succeededFuture(rejected.getStatus())
            : Future.failedFuture(e))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("the drain reaches WebSocket clients: a message accepted before it, then bye with reconnect")
  void drained(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    TestClient web = TestClient.ws(vertx, server.httpPort());
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort());
    tcp.send("last words");
    assertEquals("last words", tcp.nextOfType("message").getString("text"));
    Future<Void> stopped = server.stop();
    assertEquals("last words", web.nextOfType("message").getString("text"));
    assertEquals(new JsonObject().put("type", "bye").put("reason", "shutdown").put("reconnect", true),
        web.nextOfType("bye"));
    web.awaitClosed();
    stopped.await();
  }

  @Test
  @DisplayName("the chat page is served from the jar at /")
  void serves_the_page(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Map<String, String> expected = Map.of("/", "text/html", "/index.html", "text/html", "/style.css", "text/css",
        "/app.js", "text/javascript", "/server.js", "text/javascript");
    for (Map.Entry<String, String> file : expected.entrySet()) {
      HttpCall.Answer answer = HttpCall.get(server.httpPort(), file.getKey());
      JsonObject reply = new JsonObject().put("status", answer.status()).put("type", answer.header("content-type"))
          .put("body", answer.body().toString());
      assertEquals(200, reply.getInteger("status"), file.getKey());
      assertTrue(reply.getString("type").startsWith(file.getValue()), file.getKey() + ": " + reply.getString("type"));
      String body = reply.getString("body");
      if (file.getKey().equals("/")) {
        assertTrue(body.contains("<title>framechat</title>"), body);
      }
    }
    int missing = HttpCall.get(server.httpPort(), "/nothing.js").status();
    assertEquals(404, missing);
  }


  private static JsonObject poll(BlockingQueue<JsonObject> frames) {
    try {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      assertTrue(frame != null, "no frame within 10 s");
      return frame;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
