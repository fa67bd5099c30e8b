package io.framechat.server;

import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.HttpCall;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API over real HTTP, against a server with real TCP and UDP clients. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class AdminApiTest {

  static final String TOKEN = "s3cret-admin-token-for-tests";

  private Vertx vertx;
  private FramechatServer server;

  /** One HTTP answer: status and JSON body. */
  record Answer(int status, JsonObject body) {
  }

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx, TestServers.set("admin", "token", TOKEN));
  }

  Answer call(HttpMethod method, String path, JsonObject body, String token) {
    return call(server, method, path, body, token);
  }

  Answer call(FramechatServer target, HttpMethod method, String path, JsonObject body, String token) {
    HttpCall.Answer answer = HttpCall.send(method.name(), target.httpPort(), path,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), body == null ? null : body.toBuffer());
    return new Answer(answer.status(), answer.body().length() == 0 ? new JsonObject() : answer.body().toJsonObject());
  }

  JsonObject get(String path) {
    Answer answer = call(HttpMethod.GET, path, null, TOKEN);
    assertEquals(200, answer.status(), answer.body().encode());
    return answer.body();
  }

  JsonObject post(String path, JsonObject body) {
    Answer answer = call(HttpMethod.POST, path, body, TOKEN);
    assertEquals(200, answer.status(), answer.body().encode());
    return answer.body();
  }

  @Test
  @DisplayName("no token is 401, a wrong token is 401, the right one is served; every error is JSON")
  void needs_the_token() {
    Answer none = call(HttpMethod.GET, "/api/info", null, null);
    assertEquals(401, none.status());
    assertEquals("unauthorized", none.body().getString("error"));
    Answer wrong = call(HttpMethod.GET, "/api/info", null, TOKEN + "x");
    assertEquals(401, wrong.status());
    assertEquals("wrong token", wrong.body().getString("message"));
    JsonObject info = get("/api/info");
    assertEquals(1, info.getInteger("clusterMembers"));
    assertTrue(info.containsKey("version") && info.containsKey("tcp") && info.containsKey("udp"), info.encode());
    Answer bad = call(HttpMethod.POST, "/api/publish", new JsonObject().put("room", "dev"), TOKEN);
    assertEquals(400, bad.status());
    assertEquals("bad_request", bad.body().getString("error"));
    assertEquals(404, call(HttpMethod.GET, "/api/nothing", null, TOKEN).status());
    assertEquals("3.0.3", get("/api/openapi.json").getString("openapi"));
  }

  @Test
  @DisplayName("without admin.token the API is not there at all (404), whatever is sent")
  void off_without_a_token(Vertx vertx) {
    FramechatServer plain = TestServers.start(vertx);
    assertEquals(404, call(plain, HttpMethod.GET, "/api/info", null, TOKEN).status());
    assertEquals(404, call(plain, HttpMethod.POST, "/api/publish", new JsonObject(), null).status());
  }

  @Test
  @DisplayName("clients lists a TCP and a UDP client with their rooms and counters; filters by room and transport")
  void lists_clients() {
    TestClient alice = TestClient.tcp(vertx, server.tcpPort()).hello("alice").join("dev");
    TestClient bob = TestClient.udp(vertx, server.udpPort()).hello("bob");
    alice.send("hello dev");
    alice.nextOfType("message");
    bob.sync();
    JsonArray all = get("/api/clients").getJsonArray("clients");
    assertEquals(2, all.size(), all.encode());
    JsonObject a = byNick(all, "alice");
    assertEquals("tcp", a.getString("transport"));
    assertEquals(new JsonArray(List.of("lobby", "dev")), a.getJsonArray("rooms"));
    assertTrue(a.getString("remoteAddress").startsWith("127.0.0.1:"), a.encode());
    assertTrue(a.getLong("framesIn") >= 3 && a.getLong("bytesOut") > 0, a.encode());
    JsonObject b = byNick(all, "bob");
    assertEquals("udp", b.getString("transport"));
    assertEquals(new JsonArray(List.of("lobby")), b.getJsonArray("rooms"));
    JsonArray dev = get("/api/clients?room=dev").getJsonArray("clients");
    assertEquals(List.of("alice"), dev.stream().map(c -> ((JsonObject) c).getString("nick")).toList());
    assertEquals(1, get("/api/clients?transport=udp").getInteger("total"));
    assertEquals(1, get("/api/clients?limit=1&sort=bytes_out").getJsonArray("clients").size());
    JsonObject room = get("/api/rooms/dev");
    assertEquals(new JsonArray(List.of("alice")), room.getJsonArray("members"));
    assertEquals("hello dev", room.getJsonArray("history").getJsonObject(0).getString("text"));
    JsonArray rooms = get("/api/rooms").getJsonArray("rooms");
    assertEquals(2, rooms.size(), rooms.encode());
    assertEquals(404, call(HttpMethod.GET, "/api/rooms/nowhere", null, TOKEN).status());
  }

  @Test
  @DisplayName("publish reaches every member as a message from server, numbered; the answer is its seq")
  void publishes() {
    TestClient alice = TestClient.tcp(vertx, server.tcpPort()).hello("alice").join("dev");
    TestClient bob = TestClient.udp(vertx, server.udpPort()).hello("bob").join("dev");
    alice.send("first");
    alice.nextOfType("message");
    bob.nextOfType("message");
    long seq = post("/api/publish", new JsonObject().put("room", "dev").put("text", "maintenance at six"))
        .getLong("seq");
    for (TestClient member : List.of(alice, bob)) {
      JsonObject message = member.nextOfType("message");
      assertEquals("server", message.getString("from"));
      assertEquals("maintenance at six", message.getString("text"));
      assertEquals(seq, message.getLong("seq"));
    }
    assertEquals(2, seq);
  }

  @Test
  @DisplayName("disconnect closes the client with its reason in bye; the others hear it leave")
  void disconnects_with_a_reason() {
    TestClient alice = TestClient.tcp(vertx, server.tcpPort()).hello("alice");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob");
    alice.sync();
    assertEquals(1, post("/api/disconnect", new JsonObject().put("nick", "bob").put("reason", "be nice"))
        .getInteger("closed"));
    assertEquals(new JsonObject().put("type", "bye").put("reason", "disconnected").put("message", "be nice"),
        bob.nextOfType("bye"));
    bob.awaitClosed();
    assertEquals("bob", alice.nextPresence("leave").getString("nick"));
    TestClient carol = TestClient.tcp(vertx, server.tcpPort()).hello("carol");
    carol.sync();
    assertEquals(1, post("/api/disconnect", new JsonObject().put("nick", "carol").put("reason", "flooding the room")
        .put("banSeconds", 60)).getInteger("closed"));
    assertEquals(new JsonObject().put("type", "bye").put("reason", "banned").put("message", "flooding the room"),
        carol.nextOfType("bye"));
    TestClient carolAgain = TestClient.tcp(vertx, server.tcpPort());
    carolAgain.send(new JsonObject().put("type", "hello").put("nick", "carol"));
    carolAgain.nextError("banned");
    String id = get("/api/clients?nick=alice").getJsonArray("clients").getJsonObject(0).getString("id");
    assertEquals(1, post("/api/disconnect", new JsonObject().put("id", id)).getInteger("closed"));
    assertEquals("disconnected", alice.nextOfType("bye").getString("reason"));
  }

  @Test
  @DisplayName("offset and limit at their largest are an empty page, not an error")
  void huge_offset_and_limit() {
    JsonObject page = get("/api/clients?offset=2147483647&limit=2147483647");
    assertEquals(0, page.getJsonArray("clients").size());
  }

  @Test
  @DisplayName("a nick ban refuses that nick (and look-alikes: maIlory) over TCP and UDP, and sends its holder away; it ends when it expires")
  void nick_ban() {
    TestClient mallory = TestClient.tcp(vertx, server.tcpPort()).hello("mallory");
    mallory.sync();
    JsonObject ban = post("/api/bans", new JsonObject().put("nick", "Mallory").put("seconds", 2).put("reason", "spam"));
    assertEquals("nick", ban.getString("kind"));
    assertEquals("banned", mallory.nextOfType("bye").getString("reason"));
    TestClient again = TestClient.tcp(vertx, server.tcpPort());
    again.send(new JsonObject().put("type", "hello").put("nick", "mallory"));
    assertTrue(again.nextError("banned").getString("message").endsWith(": spam"));
    assertEquals("banned", again.nextOfType("bye").getString("reason"));
    TestClient lookAlike = TestClient.tcp(vertx, server.tcpPort());
    lookAlike.send(new JsonObject().put("type", "hello").put("nick", "maIlory"));
    lookAlike.nextError("banned");
    TestClient udp = TestClient.udp(vertx, server.udpPort());
    udp.send(new JsonObject().put("type", "hello").put("nick", "mallory"));
    udp.nextError("banned");
    assertEquals(1, get("/api/bans").getJsonArray("bans").size());
    // until it expires (2 s): a fresh client tries the nick again, a quarter of a second after each refusal
    untilAccepted(vertx, () -> {
      TestClient next = TestClient.tcp(vertx, server.tcpPort());
      next.send(new JsonObject().put("type", "hello").put("nick", "mallory"));
      return "nick".equals(next.next().getString("type"));
    });
    assertEquals(0, get("/api/bans").getJsonArray("bans").size());
  }

  @Test
  @DisplayName("an address ban refuses TCP at connect and UDP at its first datagram with banned, until it expires or is lifted")
  void address_ban() {
    TestClient present = TestClient.tcp(vertx, server.tcpPort());
    present.sync();
    post("/api/bans", new JsonObject().put("ip", "127.0.0.0/8").put("seconds", 2).put("reason", "abuse"));
    assertEquals("banned", present.nextOfType("bye").getString("reason"));
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG);
    assertTrue(tcp.nextError("banned").getString("message").endsWith(": abuse"));
    tcp.awaitClosed();
    TestClient udp = TestClient.udpUnopened(vertx, server.udpPort());
    udp.send(new JsonObject().put("type", "ping"));
    udp.nextError("banned");
    // until it expires (2 s): a fresh connection each time the last was refused, a quarter of a second apart
    untilAccepted(vertx, () -> "welcome".equals(TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG).next()
        .getString("type")));
    TestClient.udp(vertx, server.udpPort()).sync();
    String id = post("/api/bans", new JsonObject().put("ip", "127.0.0.1").put("seconds", 600)).getString("id");
    TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG).nextError("banned");
    assertEquals(200, call(HttpMethod.DELETE, "/api/bans/" + id, null, TOKEN).status());
    assertEquals(404, call(HttpMethod.DELETE, "/api/bans/" + id, null, TOKEN).status());
    TestClient.tcp(vertx, server.tcpPort()).sync();
    Answer cidr = call(HttpMethod.POST, "/api/bans", new JsonObject().put("ip", "example.com"), TOKEN);
    assertEquals(400, cidr.status());
  }

  /** Tries until {@code attempt} says yes: a ban ends with time, so each refusal is followed by a short pause. */
  private static void untilAccepted(Vertx vertx, BooleanSupplier attempt) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!attempt.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "still refused after 20 s");
      vertx.timer(250).await();
    }
  }

  private static JsonObject byNick(JsonArray clients, String nick) {
    return clients.stream().map(JsonObject.class::cast).filter(c -> nick.equals(c.getString("nick"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + nick + " in " + clients.encode()));
  }

  @Test
  @DisplayName("framechat admin disconnect: a connected nick exits 0; a nick nobody has exits 1")
  void admin_disconnect_exit_codes() {
    TestClient.tcp(vertx, server.tcpPort()).hello("zed");
    String url = "http://127.0.0.1:" + server.httpPort();
    assertEquals(1, io.framechat.Main.commandLine().execute("admin", "disconnect", "--nick", "nobody-here",
        "--url", url, "--token", TOKEN));
    assertEquals(0, io.framechat.Main.commandLine().execute("admin", "disconnect", "--nick", "zed",
        "--url", url, "--token", TOKEN));
  }
}
