package io.framechat.client;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ScrollbackTest {

  private static JsonObject message(String room, String epoch, long seq) {
    return new JsonObject().put("type", "message").put("room", room).put("epoch", epoch).put("seq", seq)
        .put("from", "ann").put("text", "t");
  }

  @Test
  void asksForThePageBeforeTheOldestShown() {
    Scrollback scrollback = new Scrollback();
    assertNull(scrollback.request("dev"), "nothing shown yet");
    scrollback.shown(message("dev", "e1", 40));
    scrollback.shown(message("dev", "e1", 41));
    scrollback.shown(message("dev", "e1", 12)); // a page of scrollback came
    scrollback.shown(message("lobby", "e9", 3));
    assertEquals(new JsonObject().put("type", "history").put("room", "dev").put("before", 12L).put("epoch", "e1")
        .put("limit", Scrollback.PAGE), scrollback.request("dev"));
    assertEquals(3L, scrollback.request("lobby").getLong("before"));
    assertNull(scrollback.request(null));
  }

  @Test
  void anotherEpochStartsTheRoomAfresh() {
    Scrollback scrollback = new Scrollback();
    scrollback.shown(message("dev", "e1", 5));
    scrollback.shown(message("dev", "e2", 30));
    assertEquals("e2", scrollback.request("dev").getString("epoch"));
    assertEquals(30L, scrollback.request("dev").getLong("before"));
  }

  @Test
  void whispersAndFramesWithoutASeqAreNotMessagesOfARoom() {
    Scrollback scrollback = new Scrollback();
    scrollback.shown(new JsonObject().put("type", "whisper").put("from", "ann").put("text", "psst"));
    scrollback.shown(new JsonObject().put("type", "message").put("room", "dev").put("text", "no seq"));
    assertNull(scrollback.request("dev"));
  }
}
