package io.framechat.server;

import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command over real TCP sockets, as two or three clients see it. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ChatCommandsTest {

  private Vertx vertx;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx, TestServers.set("chat", "maxRoomsPerClient", 3));
  }

  private TestClient connect() {
    return TestClient.tcp(vertx, server.tcpPort());
  }

  private static JsonObject say(String text) {
    return new JsonObject().put("type", "say").put("text", text);
  }

  /** The frames of {@code bodies}, back to back, for one write. */
  private static Buffer frames(String... bodies) {
    FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);
    Buffer out = Buffer.buffer();
    for (String body : bodies) {
      encoder.append(out, Buffer.buffer(body));
    }
    return out;
  }

  @Test
  @DisplayName("alone in a room, saying something and leaving in one write: the message's echo comes, then left")
  void say_then_leave_in_one_write_still_echoes() {
    TestClient alice = connect().hello("alice").join("solo");
    alice.sendRaw(frames("{\"type\":\"say\",\"room\":\"solo\",\"text\":\"last words\"}",
        "{\"type\":\"leave\",\"room\":\"solo\"}"));
    JsonObject message = alice.next("message");
    assertEquals("last words", message.getString("text"));
    assertEquals("solo", alice.next("left").getString("room"));
  }

  @Test
  @DisplayName("saying something and quitting in one write: the echo comes before bye, and every member got the message")
  void say_then_quit_in_one_write_still_echoes() {
    TestClient alice = connect().hello("alice").join("pair");
    TestClient bob = connect().hello("bob").join("pair");
    bob.sync();
    alice.sync();
    alice.sendRaw(frames("{\"type\":\"say\",\"text\":\"bye all\"}", "Q"));
    assertEquals("bye all", alice.next("message").getString("text"));
    assertEquals("quit", alice.next("bye").getString("reason"));
    assertEquals("bye all", bob.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("the first frame is a welcome with a guest nick in the lobby")
  void welcome_comes_first() {
    TestClient client = TestClient.tcp(vertx, server.tcpPort(), io.framechat.protocol.HeaderByteOrder.BIG);
    JsonObject welcome = client.next("welcome");
    assertTrue(welcome.getString("nick").startsWith("guest-"), welcome.encode());
    assertEquals("lobby", welcome.getString("room"));
  }

  @Test
  @DisplayName("say reaches every member of the room, the sender included (echo), and nobody outside it")
  void say_echoes_and_reaches_members_only() {
    TestClient alice = connect().hello("alice");
    TestClient bob = connect().hello("bob");
    TestClient carol = connect().hello("carol");
    alice.join("dev");
    bob.join("dev");
    alice.sync();
    alice.send(say("hello dev"));
    JsonObject echo = alice.nextOfType("message");
    assertEquals("dev", echo.getString("room"));
    assertEquals("alice", echo.getString("from"));
    assertEquals("hello dev", echo.getString("text"));
    assertTrue(echo.getString("id") != null && echo.getLong("ts") > 0, echo.encode());
    assertEquals(echo, bob.nextOfType("message"));
    List<JsonObject> carolSaw = carol.sync();
    assertTrue(carolSaw.stream().noneMatch(f -> "message".equals(f.getString("type"))), carolSaw.toString());
  }

  @Test
  @DisplayName("say names a room or goes to the current one; a room not held is not_in_room")
  void say_to_named_or_current_room() {
    TestClient alice = connect().hello("alice");
    alice.join("dev");
    alice.send(new JsonObject().put("type", "say").put("room", "lobby").put("text", "to lobby"));
    assertEquals("lobby", alice.nextOfType("message").getString("room"));
    alice.send(say("to current"));
    assertEquals("dev", alice.nextOfType("message").getString("room"));
    alice.send(new JsonObject().put("type", "say").put("room", "elsewhere").put("text", "x"));
    alice.nextError("not_in_room");
  }

  @Test
  @DisplayName("join tells the other members, not the joiner, and replies joined with the member count")
  void join_announces_presence_to_others() {
    TestClient alice = connect().hello("alice");
    TestClient bob = connect().hello("bob");
    alice.join("dev");
    alice.sync();
    bob.send(new JsonObject().put("type", "join").put("room", "dev"));
    JsonObject joined = bob.nextOfType("joined");
    assertEquals(2, joined.getInteger("members"));
    assertEquals(new JsonObject().put("type", "presence").put("room", "dev").put("nick", "bob").put("event", "join"),
        alice.nextOfType("presence"));
    assertTrue(bob.sync().stream().noneMatch(f -> "presence".equals(f.getString("type"))
        && "dev".equals(f.getString("room"))));
  }

  @Test
  @DisplayName("leave tells the rest of the room; the current room falls back to the latest one still held")
  void leave_announces_and_falls_back() {
    TestClient alice = connect().hello("alice");
    TestClient bob = connect().hello("bob");
    alice.join("a").join("b");
    bob.join("b");
    alice.sync();
    alice.send("/leave");
    assertEquals("b", alice.nextOfType("left").getString("room"));
    assertEquals(new JsonObject().put("type", "presence").put("room", "b").put("nick", "alice").put("event", "leave"),
        bob.nextOfType("presence"));
    alice.send(say("where am I"));
    assertEquals("a", alice.nextOfType("message").getString("room"));
    alice.send(new JsonObject().put("type", "leave").put("room", "b"));
    alice.nextError("not_in_room");
  }

  @Test
  @DisplayName("a client may be in several rooms, up to chat.maxRoomsPerClient (too_many_rooms past it)")
  void rooms_per_client_are_capped() {
    TestClient alice = connect();
    alice.join("r1").join("r2");
    alice.send("/join r3");
    alice.nextError("too_many_rooms");
    alice.join("r2");
    alice.send("/join bad name");
    alice.nextError("bad_request");
  }

  @Test
  @DisplayName("whisper reaches the named nick and echoes to the sender; an unknown nick is no_such_nick")
  void whisper_and_unknown_nick() {
    TestClient alice = connect().hello("alice");
    TestClient bob = connect().hello("bob");
    TestClient carol = connect().hello("carol");
    alice.send(new JsonObject().put("type", "whisper").put("to", "Bob").put("text", "psst"));
    JsonObject received = bob.nextOfType("whisper");
    assertEquals("alice", received.getString("from"));
    assertEquals("bob", received.getString("to"));
    assertEquals("psst", received.getString("text"));
    assertTrue(received.getLong("ts") > 0);
    assertEquals(received, alice.nextOfType("whisper"));
    assertTrue(carol.sync().stream().noneMatch(f -> "whisper".equals(f.getString("type"))));
    alice.send("/msg nobody hello");
    alice.nextError("no_such_nick");
  }

  @Test
  @DisplayName("who lists a room's nicks in join order; rooms lists every room with its member count")
  void who_and_rooms() {
    TestClient alice = connect().hello("alice");
    TestClient bob = connect().hello("bob");
    alice.join("dev");
    bob.join("dev");
    alice.sync();
    alice.send("/who");
    assertEquals(new JsonObject().put("type", "who").put("room", "dev").put("nicks", new JsonArray().add("alice").add("bob")),
        alice.nextOfType("who"));
    alice.send(new JsonObject().put("type", "who").put("room", "lobby"));
    assertEquals(List.of("alice", "bob"), alice.nextOfType("who").getJsonArray("nicks").getList());
    alice.send(new JsonObject().put("type", "rooms"));
    assertEquals(new JsonArray()
            .add(new JsonObject().put("room", "dev").put("members", 2))
            .add(new JsonObject().put("room", "lobby").put("members", 2)),
        alice.nextOfType("rooms").getJsonArray("rooms"));
  }

  @Test
  @DisplayName("ping is answered with a pong carrying the same id")
  void ping_pong() {
    TestClient alice = connect();
    alice.send("{\"type\":\"ping\",\"id\":42}");
    assertEquals(new JsonObject().put("type", "pong").put("id", 42), alice.next("pong"));
    alice.send("{\"type\":\"ping\"}");
    assertEquals(new JsonObject().put("type", "pong"), alice.next("pong"));
  }

  @Test
  @DisplayName("quit, /quit, Q and q each end with bye reason quit, a close, and a leave for the others")
  void every_quit_form_says_bye() {
    TestClient watcher = connect().hello("watcher");
    for (String quit : List.of("{\"type\":\"quit\"}", "/quit", "Q", "q\r\n")) {
      TestClient client = connect();
      watcher.sync();
      client.send(quit);
      assertEquals(new JsonObject().put("type", "bye").put("reason", "quit"), client.nextOfType("bye"));
      client.awaitClosed();
      JsonObject leave = watcher.nextOfType("presence");
      assertEquals(client.nick(), leave.getString("nick"));
      assertEquals("leave", leave.getString("event"));
    }
  }

  @Test
  @DisplayName("the plain-text shorthand drives a whole conversation")
  void plain_text_conversation() {
    TestClient alice = connect();
    TestClient bob = connect();
    alice.send("/nick alice\n");
    alice.nextOfType("nick");
    bob.send("/nick bob\r\n");
    bob.nextOfType("nick");
    alice.send("/join dev\n");
    alice.nextOfType("joined");
    bob.send("/join dev\n");
    bob.nextOfType("joined");
    alice.sync();
    bob.send("hi alice\n");
    JsonObject message = alice.nextOfType("message");
    assertEquals("bob", message.getString("from"));
    assertEquals("hi alice", message.getString("text"));
    alice.send("/msg bob see you in lobby\n");
    assertEquals("see you in lobby", bob.nextOfType("whisper").getString("text"));
    bob.send("/rooms\n");
    assertEquals(2, bob.nextOfType("rooms").getJsonArray("rooms").size());
  }

  @Test
  @DisplayName("text over chat.maxTextBytes, or empty, is bad_request and nobody receives it")
  void oversized_or_empty_text_is_refused() {
    TestClient alice = connect();
    TestClient bob = connect();
    alice.sync();
    alice.send(say("é".repeat(2049)));
    alice.nextError("bad_request");
    alice.send(say(""));
    alice.nextError("bad_request");
    alice.send(say("x".repeat(4096)));
    assertEquals(4096, alice.nextOfType("message").getString("text").length());
    assertEquals(4096, bob.nextOfType("message").getString("text").length());
  }
}
