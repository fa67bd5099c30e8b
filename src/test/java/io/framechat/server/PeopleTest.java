package io.framechat.server;

import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One person on several devices (auth.mode jwt): sessions over TCP and WebSocket, on one server. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class PeopleTest {

  private Vertx vertx;
  private Tokens tokens;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    tokens = Tokens.hs256(vertx);
  }

  private JsonObject jwt() {
    return new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE)));
  }

  /** Logs a connection in with {@code token}; the frames up to the nick are read. */
  private static TestClient login(TestClient client, String token, String nick) {
    client.welcomed().send(new JsonObject().put("type", "hello").put("token", token));
    assertEquals(nick, client.nextOfType("nick").getString("nick"));
    return client;
  }

  private TestClient tcp(FramechatServer server, String nick) {
    return login(TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG), tokens.token(nick), nick);
  }

  private TestClient ws(FramechatServer server, String nick) {
    return login(TestClient.wsUnwelcomed(vertx, server.httpPort()), tokens.token(nick), nick);
  }

  private static JsonObject read(String room, long seq) {
    return new JsonObject().put("type", "read").put("room", room).put("seq", seq);
  }

  @Test
  @DisplayName("two TCP sessions and a WebSocket session of one person: one join and one leave for others, whispers,"
      + " joins, leaves and echoes on every session")
  void sessions_of_one_person() {
    FramechatServer server = TestServers.start(vertx, jwt());
    TestClient bob = tcp(server, "bob");
    bob.nextOfType("joined");
    TestClient laptop = tcp(server, "alice");
    assertEquals("lobby", laptop.nextOfType("joined").getString("room"));
    assertEquals("alice", bob.nextPresence("join").getString("nick"));
    TestClient phone = tcp(server, "alice");
    TestClient browser = ws(server, "alice");
    JsonObject joined = browser.nextOfType("joined");
    assertEquals("lobby", joined.getString("room"));
    assertEquals(2, joined.getInteger("members"), "a person counts once: " + joined.encode());
    phone.nextOfType("joined");
    bob.assertNothingPending();
    bob.send(new JsonObject().put("type", "who"));
    assertEquals(List.of("bob", "alice"), bob.next("who").getJsonArray("nicks").getList());

    bob.send("/msg alice are you there?");
    for (TestClient session : List.of(laptop, phone, browser)) {
      assertEquals("are you there?", session.nextOfType("whisper").getString("text"));
    }
    bob.next("whisper");
    phone.send("/msg bob yes, on my phone");
    assertEquals("yes, on my phone", bob.next("whisper").getString("text"));
    for (TestClient session : List.of(laptop, phone, browser)) {
      JsonObject sent = session.nextOfType("whisper");
      assertEquals("alice", sent.getString("from"));
      assertEquals("bob", sent.getString("to"));
    }

    bob.join("dev");
    laptop.send("/join dev");
    assertEquals("dev", laptop.nextOfType("joined").getString("room"));
    assertEquals("dev", phone.nextOfType("joined").getString("room"));
    assertEquals("dev", browser.nextOfType("joined").getString("room"));
    assertEquals("alice", bob.nextPresence("join").getString("nick"));
    bob.assertNothingPending();

    phone.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "typed on the phone"));
    for (TestClient session : List.of(bob, laptop, phone, browser)) {
      assertEquals("typed on the phone", session.nextOfType("message").getString("text"));
    }

    browser.send("/leave dev");
    for (TestClient session : List.of(laptop, phone, browser)) {
      assertEquals("dev", session.nextOfType("left").getString("room"));
    }
    assertEquals("alice", bob.nextPresence("leave").getString("nick"));
    bob.assertNothingPending();

    laptop.send("/quit");
    laptop.awaitClosed();
    phone.close();
    bob.assertNothingPending();
    browser.send("/quit");
    JsonObject leave = bob.nextPresence("leave");
    assertEquals("lobby", leave.getString("room"));
    assertEquals("alice", leave.getString("nick"));
    bob.assertNothingPending();
  }

  @Test
  @DisplayName("auth.maxSessionsPerPerson (10): the eleventh session gets too_many_sessions; nobody is closed")
  void eleventh_session_is_refused() {
    FramechatServer server = TestServers.start(vertx, jwt());
    List<TestClient> sessions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sessions.add(tcp(server, "alice"));
    }
    TestClient eleventh = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG).welcomed();
    eleventh.send(new JsonObject().put("type", "hello").put("token", tokens.token("alice")));
    assertTrue(eleventh.nextError("too_many_sessions").getString("message").contains("10"));
    eleventh.send("/join dev");
    eleventh.nextError("auth_required");
    for (TestClient session : sessions) {
      session.sync();
      assertFalse(session.isClosed());
    }
    sessions.get(0).send("/quit");
    sessions.get(0).awaitClosed();
    eleventh.send(new JsonObject().put("type", "hello").put("token", tokens.token("alice")));
    assertEquals("alice", eleventh.nextOfType("nick").getString("nick"), "a session ended makes room for another");
  }

  @Test
  @DisplayName("read positions move forward only, reach the person's other sessions and come in joined with latest")
  void read_positions() {
    FramechatServer server = TestServers.start(vertx, jwt());
    TestClient bob = tcp(server, "bob");
    bob.nextOfType("joined");
    TestClient laptop = tcp(server, "alice");
    TestClient phone = tcp(server, "alice");
    phone.nextOfType("joined");
    for (int i = 1; i <= 3; i++) {
      bob.send("message " + i);
    }
    for (TestClient session : List.of(laptop, phone)) {
      for (int i = 1; i <= 3; i++) {
        session.nextOfType("message");
      }
    }
    laptop.send(read("lobby", 2));
    assertEquals(read("lobby", 2), phone.next("read"));
    laptop.assertNothingPending();
    laptop.send(read("lobby", 1));
    phone.send(read("lobby", 2));
    laptop.assertNothingPending();
    phone.assertNothingPending();
    phone.send(read("lobby", 99));
    assertEquals(read("lobby", 3), laptop.next("read"), "a position past the latest counts as the latest");

    TestClient tablet = tcp(server, "alice");
    JsonObject joined = tablet.nextOfType("joined");
    assertEquals(3, joined.getLong("read"), joined.encode());
    assertEquals(3, joined.getLong("latest"), joined.encode());
    tablet.sync();
    tablet.send(read("dev", 1));
    tablet.nextError("not_in_room");

    FramechatServer open = TestServers.start(vertx);
    TestClient guest = TestClient.tcp(vertx, open.tcpPort(), HeaderByteOrder.BIG).welcomed();
    guest.send(read("lobby", 1));
    guest.nextError("auth_required");
  }

  @Test
  @DisplayName("with store.kind sqlite, read positions come back in joined after a restart")
  void read_positions_survive_a_restart(@TempDir Path dir) throws Exception {
    JsonObject config = jwt().put("store", new JsonObject().put("kind", "sqlite")
        .put("path", dir.resolve("chat.db").toString()));
    FramechatServer first = TestServers.start(vertx, config);
    TestClient bob = tcp(first, "bob");
    TestClient alice = tcp(first, "alice");
    alice.nextOfType("joined");
    for (int i = 1; i <= 5; i++) {
      bob.send("message " + i);
    }
    for (int i = 1; i <= 5; i++) {
      alice.nextOfType("message");
    }
    alice.send(read("lobby", 4));
    alice.sync();
    first.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    FramechatServer second = TestServers.start(vertx, config);
    TestClient back = tcp(second, "alice");
    JsonObject joined = back.nextOfType("joined");
    assertEquals(4, joined.getLong("read"), joined.encode());
    assertEquals(5, joined.getLong("latest"), joined.encode());
  }

  @Test
  @DisplayName("token_expiring comes auth.expiryWarningSeconds before expiry; a fresh token renews, another person's"
      + " is refused and the session goes on")
  void token_expiring_and_renewal() {
    JsonObject config = jwt();
    config.getJsonObject("auth").put("expiryWarningSeconds", 5);
    FramechatServer server = TestServers.start(vertx, config);
    long expires = System.currentTimeMillis() / 1000 + 8;
    TestClient alice = login(TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG),
        tokens.sign(Tokens.claims("alice", 8)), "alice");
    JsonObject notice = alice.nextOfType("notice");
    assertEquals("token_expiring", notice.getString("code"));
    assertTrue(Math.abs(expires - notice.getLong("expiresAt") / 1000) <= 1, notice.encode());
    alice.send(new JsonObject().put("type", "hello").put("token", tokens.token("mallory")));
    assertTrue(alice.nextError("forbidden").getString("message").contains("someone else"));
    alice.send(new JsonObject().put("type", "hello").put("token", tokens.token("alice")));
    assertEquals("alice", alice.next("nick").getString("nick"));
    alice.send("still here");
    assertEquals("still here", alice.nextOfType("message").getString("text"));
  }
}
