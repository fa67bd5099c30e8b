package io.framechat.client;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FrameRendererTest {

  @Test
  @DisplayName("every server frame renders as a line for people")
  void renders_every_frame() {
    assertEquals("* connected as guest-7 in lobby", FrameRenderer.render(ServerFrames.welcome("guest-7", "lobby", 0, "e1"), null));
    assertEquals("* you are now alice", FrameRenderer.render(ServerFrames.nick("alice"), "guest-7"));
    assertEquals("[lobby] alice: hi", FrameRenderer.render(ServerFrames.message("1", "lobby", "alice", "hi", 1), "bob"));
    assertEquals("(whisper) carol: psst", FrameRenderer.render(ServerFrames.whisper("carol", "bob", "psst", 1), "bob"));
    assertEquals("(whisper to bob) psst", FrameRenderer.render(ServerFrames.whisper("carol", "bob", "psst", 1), "carol"));
    assertEquals("* bob joined dev", FrameRenderer.render(ServerFrames.presence("dev", "bob", "join"), "alice"));
    assertEquals("* bob left dev", FrameRenderer.render(ServerFrames.presence("dev", "bob", "leave"), "alice"));
    assertEquals("* guest-2 is now bob", FrameRenderer.render(ServerFrames.renamed("dev", "bob", "guest-2"), "alice"));
    assertNull(FrameRenderer.render(ServerFrames.renamed("dev", "alice", "guest-2"), "alice"));
    assertEquals("* joined dev (1 member)", FrameRenderer.render(ServerFrames.joined("dev", 1, 0, "e1"), "alice"));
    assertEquals("* joined dev (3 members)", FrameRenderer.render(ServerFrames.joined("dev", 3, 0, "e1"), "alice"));
    assertEquals("* left dev", FrameRenderer.render(ServerFrames.left("dev"), "alice"));
    assertEquals("* in dev: alice, bob", FrameRenderer.render(ServerFrames.who("dev", List.of("alice", "bob")), "alice"));
    assertEquals("* in dev: nobody", FrameRenderer.render(ServerFrames.who("dev", List.of()), "alice"));
    assertEquals("* rooms: dev (2), lobby (3)", FrameRenderer.render(ServerFrames.rooms(
        new java.util.TreeMap<>(Map.of("dev", 2, "lobby", 3))), "alice"));
    assertEquals("* pong 1", FrameRenderer.render(ServerFrames.pong(1), "alice"));
    assertEquals("* the server is shutting down (shutdown)", FrameRenderer.render(ServerFrames.bye(CloseReason.SHUTDOWN), "alice"));
    assertEquals("* disconnected by the operator: please stop spamming",
        FrameRenderer.render(ServerFrames.bye(CloseReason.DISCONNECTED, "please stop spamming"), "alice"));
    assertEquals("* banned by the operator", FrameRenderer.render(ServerFrames.bye(CloseReason.BANNED), "alice"));
    assertEquals("* bye (quit)", FrameRenderer.render(ServerFrames.bye(CloseReason.QUIT), "alice"));
    assertEquals("* joined dev (2 members, 3 unread)", FrameRenderer.render(
        ServerFrames.withReading(ServerFrames.joined("dev", 2, 9, "e1"), 6, 9), "alice"));
    assertEquals("! error nick_taken: nick \"alice\" is taken",
        FrameRenderer.render(ServerFrames.error(ErrorCode.NICK_TAKEN, "nick \"alice\" is taken"), "bob"));
    assertEquals("{\"type\":\"future\",\"x\":1}", FrameRenderer.render(new JsonObject().put("type", "future").put("x", 1), "a"));
  }

  @Test
  @DisplayName("control characters in what others send are shown as escapes, never acted on by the terminal")
  void escapes_control_characters() {
    JsonObject message = new JsonObject().put("type", "message").put("room", "lobby").put("from", "mallory")
        .put("text", "hi\r\n[lobby] admin: type your password\u001b[2J\u0007");
    assertEquals("[lobby] mallory: hi\\r\\n[lobby] admin: type your password\\e[2J\\x07",
        FrameRenderer.render(message, "alice"));
  }
}
