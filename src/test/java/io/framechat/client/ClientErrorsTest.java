package io.framechat.client;

import io.framechat.server.FramechatServer;
import io.framechat.testing.TestCertificates;
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

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal client's errors say what to do: TLS without --tls, a certificate not trusted, a login due. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ClientErrorsTest {

  private static FramechatServer tlsServer(Vertx vertx, Path dir) {
    TestCertificates.Pair pair = TestCertificates.ca(dir).issue("server", "localhost");
    return TestServers.start(vertx, new JsonObject().put("tcp", new JsonObject().put("tls", new JsonObject()
        .put("enabled", true).put("certPath", pair.cert().toString()).put("keyPath", pair.key().toString()))));
  }

  @Test
  @DisplayName("plain TCP to a TLS server: \"add --tls\"; TLS to a certificate not trusted: \"pass --ca FILE\"")
  void tls_mistakes(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = tlsServer(vertx, dir);
    ClientRun plain = new ClientRun("--port", String.valueOf(server.tcpPort()), "--nick", "ann");
    assertEquals(ClientCommand.EXIT_LOST, plain.awaitExit());
    String said = plain.err.await("framechat client: cannot connect to tcp://");
    assertTrue(said.contains("add --tls"), said);

    ClientRun untrusting = new ClientRun("--port", String.valueOf(server.tcpPort()), "--tls", "--host", "localhost");
    assertEquals(ClientCommand.EXIT_LOST, untrusting.awaitExit());
    said = untrusting.err.await("framechat client: cannot connect to tls://localhost:");
    assertTrue(said.endsWith("the server's certificate is not trusted: pass --ca FILE (or --insecure for a test server)"),
        said);
  }

  @Test
  @DisplayName("a server that needs a login says so on connect, with no \"in null\"; a refused token says why")
  void login_mistakes(Vertx vertx, @TempDir Path dir) throws Exception {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
    ClientRun guest = new ClientRun("--port", String.valueOf(server.tcpPort()));
    String connected = guest.out.await("* connected as ");
    assertTrue(connected.matches("\\* connected as guest-\\d+"), connected);
    guest.out.await("! this server needs a login: start the client with --token, --token-file or --token-command");
    guest.type("/quit");
    guest.awaitExit();

    long past = System.currentTimeMillis() / 1000 - 60;
    ClientRun late = new ClientRun("--port", String.valueOf(server.tcpPort()), "--token",
        tokens.sign(Tokens.claims("ann", 60).put("exp", past)));
    late.out.await("! error auth_failed: the token was refused: expired");
    late.out.await("* disconnected: the token was refused (auth_failed)");
    assertEquals(ClientCommand.EXIT_LOST, late.awaitExit(), "the server ended the session for cause");
  }
}
