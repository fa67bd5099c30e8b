package io.framechat.client;

import io.framechat.server.FramechatServer;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The terminal client with token logins: a session kept past its token, read positions and unread counts. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class ClientLoginTest {

  /** A server with token logins, a short grace after expiry (a session not renewed ends 2 s after its token). */
  private static FramechatServer server(Vertx vertx, Tokens tokens) {
    return TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("refreshGraceSeconds", 2)
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
  }

  private static void write(Path file, String token) throws Exception {
    Path next = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(next, token);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  @DisplayName("--token-file: a token that expires in 20 s, the file renewed after 10 s: still chatting after 40 s")
  void token_file_keeps_the_session(Vertx vertx, @TempDir Path dir) throws Exception {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = server(vertx, tokens);
    TestClient bob = TestClient.tcp(vertx, server.tcpPort());
    bob.send(new JsonObject().put("type", "hello").put("token", tokens.token("bob")));
    bob.nextOfType("joined");
    Path file = dir.resolve("alice.token");
    write(file, tokens.sign(Tokens.claims("alice", 20)));
    long started = System.currentTimeMillis();
    ClientRun alice = new ClientRun("--port", String.valueOf(server.tcpPort()), "--token-file", file.toString());
    alice.out.await("* joined lobby");
    // the token expires within auth.expiryWarningSeconds (120 s): warned at once, the file not renewed yet
    alice.out.await("* your token expires in");
    alice.out.await("* the token file holds the same token: waiting for it to be renewed");
    Thread.sleep(Math.max(0, started + 10_000 - System.currentTimeMillis())); // the renewing tool's turn comes later
    write(file, tokens.sign(Tokens.claims("alice", 600)));
    alice.out.await("* you are now alice");
    // past the first token's expiry and grace (22 s): only a renewed session is still there
    Thread.sleep(Math.max(0, started + 40_000 - System.currentTimeMillis()));
    alice.type("still here after 40 s");
    JsonObject said = bob.nextOfType("message");
    assertEquals("alice", said.getString("from"));
    assertEquals("still here after 40 s", said.getString("text"));
    alice.type("/quit");
    assertEquals(0, alice.awaitExit());
  }

  @Test
  @DisplayName("--token-command: run for a fresh token when the server warns; the client sends read for the room in view"
      + " and /rooms shows what is unread elsewhere")
  void token_command_and_unread(Vertx vertx, @TempDir Path dir) throws Exception {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = server(vertx, tokens);
    Path first = dir.resolve("first.token");
    Path fresh = dir.resolve("fresh.token");
    write(first, tokens.sign(Tokens.claims("alice", 30)));
    write(fresh, tokens.sign(Tokens.claims("alice", 600)));
    // the first run prints the short token, later runs the long one
    String command = "if [ -e " + dir.resolve("ran") + " ]; then cat " + fresh + "; else touch " + dir.resolve("ran")
        + "; cat " + first + "; fi";
    ClientRun alice = new ClientRun("--port", String.valueOf(server.tcpPort()), "--token-command", command,
        "--room", "dev");
    alice.out.await("* joined dev");
    alice.out.await("* you are now alice"); // renewed at once: the first token expires within the warning
    TestClient phone = TestClient.tcp(vertx, server.tcpPort());
    phone.send(new JsonObject().put("type", "hello").put("token", tokens.token("alice")));
    phone.nextOfType("joined");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort());
    bob.send(new JsonObject().put("type", "hello").put("token", tokens.token("bob")));
    bob.nextOfType("joined");
    bob.join("dev");
    bob.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "in view"));
    JsonObject read = phone.nextOfType("read");
    assertEquals("dev", read.getString("room"), "the client read the room in view: " + read.encode());
    for (int i = 1; i <= 3; i++) {
      bob.send(new JsonObject().put("type", "say").put("room", "lobby").put("text", "elsewhere " + i));
    }
    alice.out.await("[lobby] bob: elsewhere 3");
    alice.type("/rooms");
    alice.out.await("* rooms: dev (2), lobby (2, 3 unread)");
    alice.type("/quit");
    assertEquals(0, alice.awaitExit());
  }
}
