package io.framechat.server;

import io.framechat.protocol.HeaderByteOrder;
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

/** tcp.byteOrder = little: headers both ways are little-endian. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class LittleEndianTest {

  private Vertx vertx;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx, TestServers.set("tcp", "byteOrder", "little"));
  }

  @Test
  @DisplayName("little-endian clients chat with each other")
  void little_endian_clients_chat() {
    TestClient alice = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.LITTLE).welcomed().hello("alice");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.LITTLE).welcomed().hello("bob");
    alice.sync();
    bob.send(new JsonObject().put("type", "say").put("text", "packed with struct.pack('<i')"));
    assertEquals("packed with struct.pack('<i')", alice.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("the server writes little-endian headers: the welcome starts with the body length, low byte first")
  void server_writes_little_endian_headers() {
    TestClient raw = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.LITTLE);
    assertEquals("welcome", raw.next().getString("type"));
  }

  @Test
  @DisplayName("a big-endian header sent to a little-endian server reads as a huge length: frame_too_large, with a"
      + " hint at the byte order")
  void big_endian_header_is_too_large_for_little_endian_server() {
    TestClient client = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.LITTLE).welcomed();
    client.sendRaw(Buffer.buffer().appendInt(2).appendString("hi"));
    assertEquals("frame of 33554432 bytes is over the limit of 65536: did the client mean tcp.byteOrder big? (read"
        + " big-endian, its header says 2 bytes)", client.nextError("frame_too_large").getString("message"));
    client.awaitClosed();
  }
}
