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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token's nick follows the rules of a nick typed, and is one person's: a look-alike of a nick
 * another subject holds is refused without closing anyone; its claims are checked (an expiry is
 * required, and must be a number).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TokenRulesTest {

  private Vertx vertx;
  private Tokens tokens;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    tokens = Tokens.hs256(vertx);
    server = start(true);
  }

  private FramechatServer start(boolean requireExp) {
    return TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("requireExp", requireExp))));
  }

  private TestClient connect(FramechatServer to) {
    TestClient client = TestClient.tcp(vertx, to.tcpPort(), HeaderByteOrder.BIG);
    client.next("welcome");
    return client;
  }

  private TestClient login(String token, String nick) {
    TestClient client = connect(server);
    client.send(new JsonObject().put("type", "hello").put("token", token));
    assertEquals(nick, client.nextOfType("nick").getString("nick"));
    return client;
  }

  @Test
  @DisplayName("a token whose nick looks like another person's (Cyrillic а, capital I) gets nick_taken; the holder stays")
  void look_alike_token_nick_is_refused() {
    TestClient alice = login(tokens.token("alice"), "alice");
    alice.sync();
    for (String lookAlike : List.of("\u0430lice", "aIice", "ALICE")) {
      TestClient mallory = connect(server);
      mallory.send(new JsonObject().put("type", "hello")
          .put("token", tokens.sign(Tokens.claims(lookAlike, 600).put("sub", "mallory-" + lookAlike))));
      assertTrue(mallory.nextError("nick_taken").getString("message").contains("someone else"));
      mallory.send("/join dev");
      mallory.nextError("auth_required");
    }
    alice.assertNothingPendingBut("presence");
    assertFalse(alice.isClosed());
    TestClient aliceAgain = login(tokens.token("alice"), "alice");
    aliceAgain.sync();
    alice.assertNothingPending();
    assertFalse(alice.isClosed(), "the same person logging in again is another session, nobody is replaced");
  }

  @Test
  @DisplayName("a token's nick follows the nick rules: reserved nicks, the guest- prefix and bad characters are auth_failed")
  void token_nicks_follow_the_rules() {
    for (String nick : List.of("admin", "server", "\u0430dmin", "guest-77", "bad nick", "x".repeat(40))) {
      TestClient client = connect(server);
      client.send(new JsonObject().put("type", "hello").put("token", tokens.token(nick)));
      assertTrue(client.nextError("auth_failed").getString("message").startsWith("the token's nick cannot be used"), nick);
      assertEquals("auth_failed", client.next("bye").getString("reason"));
    }
  }

  @Test
  @DisplayName("a token without exp is auth_failed (auth.jwt.requireExp), taken when that is off; an exp that is a string is auth_failed")
  void expiry_claims_are_checked() {
    JsonObject noExp = Tokens.claims("carol", 600);
    noExp.remove("exp");
    TestClient carol = connect(server);
    carol.send(new JsonObject().put("type", "hello").put("token", tokens.sign(noExp)));
    carol.nextError("auth_failed");
    assertEquals("auth_failed", carol.next("bye").getString("reason"));

    TestClient dave = connect(server);
    dave.send(new JsonObject().put("type", "hello").put("token", tokens.sign(Tokens.claims("dave", 600).put("exp", "soon"))));
    dave.nextError("auth_failed");
    assertEquals("auth_failed", dave.next("bye").getString("reason"));

    FramechatServer lenient = start(false);
    TestClient carolAgain = connect(lenient);
    carolAgain.send(new JsonObject().put("type", "hello").put("token", tokens.sign(noExp)));
    assertEquals("carol", carolAgain.nextOfType("nick").getString("nick"));
  }
}
