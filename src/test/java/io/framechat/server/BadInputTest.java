package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per kind of bad input: the reply it gets, what happens to the connection, and that the
 * other clients notice nothing (beyond a presence leave when someone is gone).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class BadInputTest {

  private static final int MAX_FRAME = 1024;

  private Vertx vertx;
  private FramechatServer server;
  private TestClient bystander;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx, TestServers.set("tcp", "maxFrameBytes", MAX_FRAME));
    bystander = TestClient.tcp(vertx, server.tcpPort()).hello("bystander");
  }

  private TestClient connect() {
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    bystander.sync();
    return client;
  }

  private static Buffer header(long length) {
    return Buffer.buffer().appendUnsignedInt(length);
  }

  /** The bystander still chats normally and saw nothing but presence. */
  private void assertBystanderUnharmed() {
    bystander.send(new JsonObject().put("type", "say").put("text", "still here"));
    assertEquals("still here", bystander.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("a declared length over the maximum gets frame_too_large, then the connection closes")
  void oversized_length_is_frame_too_large_then_close() {
    TestClient client = connect();
    client.sendRaw(header(MAX_FRAME + 1));
    client.nextError("frame_too_large");
    client.awaitClosed();
    assertEquals("leave", bystander.nextOfType("presence").getString("event"));
    assertBystanderUnharmed();
  }

  @Test
  @DisplayName("a declared length of 0xFFFFFFFF is refused from the header alone; the body that follows is never buffered")
  void max_unsigned_length_is_refused_without_buffering() {
    TestClient client = connect();
    client.sendRaw(header(0xFFFFFFFFL).appendBuffer(Buffer.buffer(new byte[256 * 1024])));
    JsonObject error = client.nextError("frame_too_large");
    assertTrue(error.getString("message").contains("4294967295"), error.encode());
    client.awaitClosed();
    assertBystanderUnharmed();
  }

  @Test
  @DisplayName("a declared length of 0x80000000 (negative if read signed) is frame_too_large too")
  void sign_bit_length_is_frame_too_large() {
    TestClient client = connect();
    client.sendRaw(header(0x80000000L));
    client.nextError("frame_too_large");
    client.awaitClosed();
  }

  @Test
  @DisplayName("zero-length frames are ignored and the connection goes on")
  void zero_length_frame_is_ignored() {
    TestClient client = connect();
    client.sendRaw(header(0).appendBuffer(header(0)));
    client.assertNothingPending();
  }

  @Test
  @DisplayName("a body that is not UTF-8 gets bad_utf8; the connection stays open")
  void bad_utf8_keeps_connection_open() {
    TestClient client = connect();
    client.sendRaw(header(3).appendBytes(new byte[] {'a', (byte) 0xFE, 'b'}));
    client.nextError("bad_utf8");
    client.assertNothingPending();
    assertBystanderUnharmed();
  }

  @Test
  @DisplayName("broken JSON gets bad_json; the connection stays open")
  void bad_json_keeps_connection_open() {
    TestClient client = connect();
    client.send("{\"type\":\"say\",");
    client.nextError("bad_json");
    client.assertNothingPending();
  }

  @Test
  @DisplayName("a JSON array gets bad_json; the connection stays open")
  void json_array_is_bad_json() {
    TestClient client = connect();
    client.send("[{\"type\":\"say\",\"text\":\"x\"}]");
    client.nextError("bad_json");
    client.assertNothingPending();
  }

  @Test
  @DisplayName("an unknown type gets unknown_type; the connection stays open")
  void unknown_type_keeps_connection_open() {
    TestClient client = connect();
    client.send("{\"type\":\"teleport\"}");
    client.nextError("unknown_type");
    client.assertNothingPending();
  }

  @Test
  @DisplayName("a missing field gets bad_request; the connection stays open")
  void missing_field_is_bad_request() {
    TestClient client = connect();
    client.send("{\"type\":\"join\"}");
    client.nextError("bad_request");
    client.send("{\"text\":\"no type\"}");
    client.nextError("bad_request");
    client.assertNothingPending();
  }

  @Test
  @DisplayName("an unknown shorthand gets unknown_command; the connection stays open")
  void unknown_command_keeps_connection_open() {
    TestClient client = connect();
    client.send("/fly away");
    client.nextError("unknown_command");
    client.assertNothingPending();
  }

  @Test
  @DisplayName("a client that vanishes mid-frame is announced as leaving; nobody else notices")
  void vanished_mid_frame_announces_leave() {
    TestClient client = connect();
    String nick = client.nick();
    client.sendRaw(header(100).appendString("only part of the body"));
    client.close();
    JsonObject leave = bystander.nextOfType("presence");
    assertEquals(nick, leave.getString("nick"));
    assertEquals("leave", leave.getString("event"));
    assertBystanderUnharmed();
  }

  @Test
  @DisplayName("valid frames glued around garbage in one write are each answered in order")
  void glued_frames_with_garbage_are_answered_in_order() {
    TestClient client = connect();
    Buffer glued = Buffer.buffer()
        .appendBuffer(frame("{\"type\":\"ping\",\"id\":1}"))
        .appendBuffer(frame("{oops"))
        .appendBuffer(frame("{\"type\":\"ping\",\"id\":2}"));
    client.sendRaw(glued);
    assertEquals(1, client.next("pong").getInteger("id"));
    client.nextError("bad_json");
    assertEquals(2, client.next("pong").getInteger("id"));
    assertFalse(client.isClosed());
  }

  private static Buffer frame(String body) {
    Buffer bytes = Buffer.buffer(body);
    return header(bytes.length()).appendBuffer(bytes);
  }
}
