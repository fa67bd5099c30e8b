package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryRulesTest {

  @Test
  void anEpochStandsWhileItsLogHoldsOrHeldMessages() {
    assertTrue(HistoryRules.keepEpoch("e1", 0, false));
    assertTrue(HistoryRules.keepEpoch("e1", 41, false));
    assertFalse(HistoryRules.keepEpoch("e1", 41, true), "a new one when asked");
    assertFalse(HistoryRules.keepEpoch(null, 41, false), "none yet");
    assertFalse(HistoryRules.keepEpoch("e1", -1, false), "the log is gone: its messages were lost");
  }

  @Test
  void newEpochsDiffer() {
    assertNotEquals(HistoryRules.newEpoch(), HistoryRules.newEpoch());
    assertEquals(8, HistoryRules.newEpoch().length());
  }

  @Test
  void seqsArePositionsPlusOne() {
    assertEquals(1, HistoryRules.seqOf(0));
    assertEquals(1_000_001, HistoryRules.seqOf(1_000_000));
  }

  @Test
  void aSliceIsStampedFromWhereTheReadStarted() {
    List<byte[]> bodies = List.of(body("a"), body("b"));
    HistorySlice slice = HistoryRules.slice("ep", 7, 8, bodies);
    assertEquals("ep", slice.epoch());
    assertEquals(8, slice.firstSeq());
    assertEquals(9, slice.lastSeq());
    JsonObject second = new JsonObject(slice.bodies().get(1));
    assertEquals(9, second.getLong("seq"));
    assertEquals("ep", second.getString("epoch"));
    assertEquals("b", second.getString("text"));
  }

  @Test
  void nothingWithoutAnEpochOrALog() {
    assertSame(HistorySlice.EMPTY, HistoryRules.slice(null, 0, 3, List.of(body("a"))));
    assertSame(HistorySlice.EMPTY, HistoryRules.slice("ep", 0, -1, List.of()));
  }

  @Test
  void aLogWhoseMessagesAllExpiredStillTellsItsLatestSeq() {
    HistorySlice slice = HistoryRules.slice("ep", 5, 4, List.of());
    assertEquals(5, slice.lastSeq());
    assertTrue(slice.bodies().isEmpty());
  }

  private static byte[] body(String text) {
    return new JsonObject().put("type", "message").put("room", "r").put("text", text).encode()
        .getBytes(StandardCharsets.UTF_8);
  }
}
