package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Choosing a nick over real TCP sockets: taken, look-alikes, malformed, freed. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class NickCommandsTest {

  private Vertx vertx;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx);
  }

  private TestClient connect() {
    return TestClient.tcp(vertx, server.tcpPort());
  }

  @Test
  @DisplayName("hello takes a nick; the room hears of the rename; a taken nick, in any case, is nick_taken")
  void hello_sets_nick_and_taken_nick_is_refused() {
    TestClient alice = connect();
    TestClient bob = connect();
    String guest = alice.nick();
    alice.nextOfType("presence");
    alice.hello("alice");
    JsonObject rename = bob.nextOfType("presence");
    assertEquals(new JsonObject().put("type", "presence").put("room", "lobby").put("nick", "alice")
        .put("event", "nick").put("old", guest), rename);
    bob.send(new JsonObject().put("type", "hello").put("nick", "ALICE"));
    bob.nextError("nick_taken");
    bob.send(new JsonObject().put("type", "hello").put("nick", "has space"));
    bob.nextError("bad_request");
    bob.send(new JsonObject().put("type", "hello").put("nick", "x".repeat(33)));
    bob.nextError("bad_request");
    bob.hello("bob");
  }

  @Test
  @DisplayName("a nick that looks like one held, whatever the case (capital I for l, 0 for o), is nick_taken")
  void look_alike_nicks_are_taken(Vertx vertx) {
    TestClient alice = TestClient.tcp(vertx, server.tcpPort()).hello("alice");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob");
    TestClient mallory = TestClient.tcp(vertx, server.tcpPort());
    for (String lookAlike : new String[] {"aIice", "ALICE", "b0b", "B0B"}) {
      mallory.send(new JsonObject().put("type", "hello").put("nick", lookAlike));
      mallory.nextError("nick_taken");
    }
    alice.sync();
    bob.sync();
  }

  @Test
  @DisplayName("a nick freed by a client that left can be taken")
  void nick_is_freed_on_quit() {
    TestClient alice = connect().hello("alice");
    alice.send("/quit");
    alice.nextOfType("bye");
    connect().hello("alice");
  }
}
