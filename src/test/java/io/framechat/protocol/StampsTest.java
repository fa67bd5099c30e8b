package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StampsTest {

  private final Buffer body = ServerFrames.message("n-1", "dev", "al", "h\u00e9 \"quoted\" }", 1700000000000L).toBuffer();

  @Test
  @DisplayName("a sequenced body is the same JSON plus seq and epoch")
  void sequenced() {
    JsonObject stamped = new JsonObject(Stamps.sequenced(body, 12345678901L, "ab12cd34"));
    JsonObject expected = new JsonObject(body).put("seq", 12345678901L).put("epoch", "ab12cd34");
    assertEquals(expected, stamped);
  }

  @Test
  @DisplayName("a history copy is the same JSON plus history:true, and the original is untouched")
  void history() {
    Buffer stamped = Stamps.sequenced(body, 1, "e");
    Buffer original = stamped.copy();
    JsonObject copy = new JsonObject(Stamps.history(stamped));
    assertEquals(new JsonObject(stamped).put("history", true), copy);
    assertEquals(original, stamped);
  }
}
