package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resume from a seq the room has not reached on this node yet (in a cluster, a message still on
 * its way from the node that numbered it), over real TCP sockets: the client enters when the room
 * reaches its seq, so nothing it has comes again; or after {@code chat.resumeWaitMillis}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ResumeAheadTest {

  private static FramechatServer start(Vertx vertx, int waitMillis) {
    return TestServers.start(vertx, new JsonObject().put("chat", new JsonObject().put("resumeWaitMillis", waitMillis)));
  }

  private static JsonObject say(String room, String text) {
    return new JsonObject().put("type", "say").put("room", room).put("text", text);
  }

  /** Says {@code count} messages in {@code room} and returns the room's epoch, from the last one heard. */
  private static String chat(TestClient talker, String room, int count) {
    String epoch = null;
    for (int i = 0; i < count; i++) {
      talker.send(say(room, "m" + i));
      epoch = talker.nextOfType("message").getString("epoch");
    }
    return epoch;
  }

  /** Frames until the {@code recovered} of {@code room}, which is returned last. */
  private static List<JsonObject> untilRecovered(TestClient client, String room) {
    List<JsonObject> frames = new ArrayList<>();
    while (true) {
      JsonObject frame = client.next();
      frames.add(frame);
      if ("recovered".equals(frame.getString("type")) && room.equals(frame.getString("room"))) {
        return frames;
      }
    }
  }

  private static JsonObject first(List<JsonObject> frames, String type, String room) {
    return frames.stream().filter(f -> type.equals(f.getString("type")) && room.equals(f.getString("room")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " of " + room + " in " + frames));
  }

  @Test
  @DisplayName("a resume ahead of the room waits until the room reaches its seq: nothing the client has comes again")
  void waits_for_the_room(Vertx vertx) {
    FramechatServer server = start(vertx, 30_000);
    TestClient talker = TestClient.tcp(vertx, server.tcpPort()).hello("talker").join("q").join("r");
    String epoch = chat(talker, "r", 3);
    TestClient ahead = TestClient.tcp(vertx, server.tcpPort());
    // q first, at once (the talker hears it join), then r, which stands at 3 here: the client says it saw 5
    ahead.send(new JsonObject().put("type", "hello").put("resume", new JsonObject()
        .put("q", 0).put("r", new JsonObject().put("seq", 5).put("epoch", epoch))));
    while (!"q".equals(talker.nextPresence("join").getString("room"))) {
      // the lobby's join came first
    }
    chat(talker, "r", 2);
    List<JsonObject> frames = untilRecovered(ahead, "r");
    assertEquals(5L, first(frames, "joined", "r").getLong("seq"), "entered where its resume stood");
    JsonObject recovered = frames.get(frames.size() - 1);
    assertTrue(recovered.getBoolean("recovered"), recovered.encode());
    assertEquals(5L, recovered.getLong("seq"));
    assertTrue(frames.stream().noneMatch(f -> "message".equals(f.getString("type")) && "r".equals(f.getString("room"))),
        "no message of r up to its seq: " + frames);
    talker.send(say("r", "after"));
    assertEquals(6L, ahead.nextOfType("message").getLong("seq"), "then live, from the seq after its own");
  }

  @Test
  @DisplayName("a resume the room never reaches enters after chat.resumeWaitMillis, not recovered")
  void waits_no_longer_than_configured(Vertx vertx) {
    int wait = 1000;
    FramechatServer server = start(vertx, wait);
    TestClient talker = TestClient.tcp(vertx, server.tcpPort()).hello("talker").join("r");
    String epoch = chat(talker, "r", 3);
    TestClient ahead = TestClient.tcp(vertx, server.tcpPort());
    long sent = System.nanoTime();
    ahead.send(new JsonObject().put("type", "join").put("room", "r")
        .put("resume", new JsonObject().put("r", new JsonObject().put("seq", 50).put("epoch", epoch))));
    List<JsonObject> frames = untilRecovered(ahead, "r");
    long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
    assertTrue(waitedMillis >= wait, "entered after " + waitedMillis + " ms");
    assertEquals(3L, first(frames, "joined", "r").getLong("seq"));
    assertFalse(frames.get(frames.size() - 1).getBoolean("recovered"), "its seq is not the room's: " + frames);
    talker.send(say("r", "after"));
    assertEquals(4L, ahead.nextOfType("message").getLong("seq"));
  }

  @Test
  @DisplayName("a resume ahead without the room's epoch does not wait: the seq may be from an epoch gone")
  void without_epoch_does_not_wait(Vertx vertx) {
    FramechatServer server = start(vertx, 60_000);
    TestClient talker = TestClient.tcp(vertx, server.tcpPort()).hello("talker").join("r");
    chat(talker, "r", 3);
    TestClient ahead = TestClient.tcp(vertx, server.tcpPort());
    ahead.send(new JsonObject().put("type", "join").put("room", "r").put("resume", 50));
    List<JsonObject> frames = untilRecovered(ahead, "r");
    assertEquals(3L, first(frames, "joined", "r").getLong("seq"));
    assertFalse(frames.get(frames.size() - 1).getBoolean("recovered"));
  }
}
