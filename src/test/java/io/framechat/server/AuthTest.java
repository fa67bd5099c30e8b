package io.framechat.server;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token authentication (auth.mode jwt) over real TCP sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class AuthTest {

  private Vertx vertx;
  private Tokens tokens;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    tokens = Tokens.hs256(vertx);
    server = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject()
        .put("mode", "jwt").put("timeoutSeconds", 3).put("refreshGraceSeconds", 2)
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
  }

  private TestClient connect() {
    TestClient client = TestClient.tcp(vertx, server.tcpPort(), io.framechat.protocol.HeaderByteOrder.BIG);
    JsonObject welcome = client.next("welcome");
    assertEquals("jwt", welcome.getString("auth"));
    assertTrue(welcome.getValue("room") == null, "no room before logging in");
    return client;
  }

  private static JsonObject hello(String token) {
    return new JsonObject().put("type", "hello").put("token", token);
  }

  private TestClient login(String token, String nick) {
    TestClient client = connect();
    client.send(hello(token));
    assertEquals(nick, client.nextOfType("nick").getString("nick"));
    return client;
  }

  @Test
  @DisplayName("a valid token logs in: the token's nick, the default room, then chat as usual")
  void happy_path() {
    TestClient alice = login(tokens.token("alice"), "alice");
    assertEquals("lobby", alice.nextOfType("joined").getString("room"));
    TestClient bob = login(tokens.token("bob"), "bob");
    bob.nextOfType("joined");
    alice.nextPresence("join");
    bob.send("hello alice");
    assertEquals("bob", alice.nextOfType("message").getString("from"));
  }

  @Test
  @DisplayName("before logging in, every request but hello, ping, pong and quit gets auth_required")
  void auth_required_before_login() {
    TestClient client = connect();
    client.send("/join dev");
    client.nextError("auth_required");
    client.send("hi there");
    client.nextError("auth_required");
    client.send("/nick mallory");
    client.nextError("auth_required");
    client.send(new JsonObject().put("type", "ping").put("id", 7));
    assertEquals(7, client.next("pong").getInteger("id"));
  }

  @Test
  @DisplayName("a token with a bad signature, issuer or audience, expired, or not yet valid: auth_failed, then closed")
  void bad_tokens_fail() {
    Tokens other = Tokens.hs256(vertx);
    long now = System.currentTimeMillis() / 1000;
    List<String> bad = List.of(
        other.token("alice"),
        tokens.sign(Tokens.claims("alice", 60).put("iss", "someone-else")),
        tokens.sign(Tokens.claims("alice", 60).put("aud", "other-service")),
        tokens.sign(Tokens.claims("alice", 60).put("exp", now - 10)),
        tokens.sign(Tokens.claims("alice", 60).put("nbf", now + 600)),
        "not.a.token");
    List<String> why = List.of("bad signature", "wrong issuer (iss)", "wrong audience (aud)", "expired", "expired",
        "not a token");
    for (int i = 0; i < bad.size(); i++) {
      TestClient client = connect();
      client.send(hello(bad.get(i)));
      JsonObject error = client.nextError("auth_failed");
      // why, in a few words (nothing of the secret or the token's claims)
      assertEquals("the token was refused: " + why.get(i), error.getString("message"));
      assertEquals("auth_failed", client.next("bye").getString("reason"));
      client.awaitClosed();
    }
  }

  @Test
  @DisplayName("the rooms claim: forbidden to join a room not allowed, or to say in a read-only one")
  void room_permissions() {
    TestClient alice = login(tokens.sign(Tokens.rooms(Tokens.claims("alice", 3600), List.of("dev", "team-*"),
        List.of("announcements"))), "alice");
    alice.sync();
    alice.send("/join secret");
    alice.nextError("forbidden");
    alice.join("team-blue");
    alice.join("announcements");
    alice.send(new JsonObject().put("type", "say").put("room", "announcements").put("text", "may I?"));
    alice.nextError("forbidden");
    alice.send(new JsonObject().put("type", "who").put("room", "secret"));
    alice.nextError("forbidden");
    alice.send(new JsonObject().put("type", "say").put("room", "team-blue").put("text", "yes here"));
    assertEquals("yes here", alice.nextOfType("message").getString("text"));
    alice.send(new JsonObject().put("type", "rooms"));
    JsonObject rooms = alice.nextOfType("rooms");
    assertTrue(rooms.getJsonArray("rooms").stream().map(r -> ((JsonObject) r).getString("room"))
        .allMatch(room -> room.equals("team-blue") || room.equals("announcements") || room.equals("dev")), rooms.encode());
  }

  @Test
  @DisplayName("an expired token: token_expired, then a fresh hello renews; without one, bye after the grace")
  void token_expiry_and_refresh() {
    TestClient renewing = login(tokens.sign(Tokens.claims("renewing", 2)), "renewing");
    assertEquals("token_expired", renewing.nextOfType("error").getString("code"));
    renewing.send(hello(tokens.token("renewing")));
    assertEquals("renewing", renewing.nextOfType("nick").getString("nick"));
    TestClient lapsing = login(tokens.sign(Tokens.claims("lapsing", 2)), "lapsing");
    assertEquals("token_expired", lapsing.nextOfType("error").getString("code"));
    assertEquals("token_expired", lapsing.nextOfType("bye").getString("reason"));
    lapsing.awaitClosed();
    renewing.send("still here");
    assertEquals("still here", renewing.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("a connection that does not log in within auth.timeoutSeconds gets bye and is closed")
  void login_timeout() {
    TestClient idle = connect();
    assertEquals("auth_timeout", idle.next("bye").getString("reason"));
    idle.awaitClosed();
  }

  @Test
  @DisplayName("the same person logging in again is a second session: both stay; the nick stays the token's")
  void second_login_is_a_second_session() {
    TestClient first = login(tokens.token("alice"), "alice");
    first.nextOfType("joined");
    TestClient second = login(tokens.token("alice"), "alice");
    assertEquals("lobby", second.nextOfType("joined").getString("room"));
    first.assertNothingPending();
    assertTrue(!first.isClosed());
    second.send("/nick someoneelse");
    second.nextError("forbidden");
  }

  @Test
  @DisplayName("framechat token makes a token the server takes, with the rooms it names")
  void token_command_makes_a_working_token() {
    java.io.StringWriter out = new java.io.StringWriter();
    int exit = io.framechat.Main.commandLine().setOut(new java.io.PrintWriter(out, true)).execute("token",
        "--secret", tokens.secret, "--nick", "carol", "--rooms", "dev,team-*", "--read", "news",
        "--issuer", Tokens.ISSUER, "--audience", Tokens.AUDIENCE, "--ttl", "60");
    assertEquals(0, exit);
    TestClient carol = login(out.toString().strip(), "carol");
    carol.sync();
    carol.join("team-red");
    carol.send("/join lobby");
    carol.nextError("forbidden");
  }

  @Test
  @DisplayName("auth.jwt.publicKeyPath: tokens signed ES256 by the matching private key log in; others fail")
  void public_key_tokens(@TempDir Path dir) throws Exception {
    run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
    run(dir, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "ec.key", "-out", "private.pem");
    run(dir, "openssl", "ec", "-in", "ec.key", "-pubout", "-out", "public.pem");
    FramechatServer keyed = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("publicKeyPath", dir.resolve("public.pem").toString()))));
    Tokens signer = Tokens.withPrivateKey(vertx, "ES256", Files.readString(dir.resolve("private.pem")));
    TestClient alice = TestClient.tcp(vertx, keyed.tcpPort(), io.framechat.protocol.HeaderByteOrder.BIG).welcomed();
    alice.send(hello(signer.token("alice")));
    JsonObject answer = alice.next();
    assertEquals("nick", answer.getString("type"), answer.encode());
    assertEquals("alice", answer.getString("nick"));
    TestClient mallory = TestClient.tcp(vertx, keyed.tcpPort(), io.framechat.protocol.HeaderByteOrder.BIG).welcomed();
    mallory.send(hello(tokens.token("mallory")));
    mallory.nextError("auth_failed");
  }

  private static void run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    assertEquals(0, process.waitFor(), String.join(" ", command));
  }
}
