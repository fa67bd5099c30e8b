package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
  void seqsArePositionsPlusOnePlusTheBase() {
    assertEquals(1, HistoryRules.seqOf(0, 0));
    assertEquals(1_000_001, HistoryRules.seqOf(0, 1_000_000));
    assertEquals(5001, HistoryRules.seqOf(5000, 0), "a log started afresh goes on from a store's seq 5000");
  }

  @Test
  void anEpochIsHeldWithItsBase() {
    assertEquals("e1", HistoryRules.value(new SharedHistory.Stream("e1", 0)), "as before there were bases");
    assertEquals("e1@5000", HistoryRules.value(new SharedHistory.Stream("e1", 5000)));
    assertEquals(new SharedHistory.Stream("e1", 0), HistoryRules.stream("e1"));
    assertEquals(new SharedHistory.Stream("e1", 5000), HistoryRules.stream("e1@5000"));
    assertEquals(new SharedHistory.Stream("e1", -3), HistoryRules.stream("e1@-3"), "a rebased log may start below 0");
    assertNull(HistoryRules.stream(null));
  }

  @Test
  void aLogStampsWithItsBase() {
    SharedHistory.Log log = HistoryRules.log(new SharedHistory.Stream("ep", 100), 0, 1, List.of(body("a"), body("b")));
    assertEquals(101, log.slice().firstSeq());
    assertEquals(102, log.slice().lastSeq());
    assertEquals(102, new JsonObject(log.slice().bodies().get(1)).getLong("seq"));
    assertEquals(100, log.base());
    assertEquals(1, log.tail());
  }

  @Test
  void aSliceIsStampedFromWhereTheReadStarted() {
    List<byte[]> bodies = List.of(body("a"), body("b"));
    HistorySlice slice = HistoryRules.log(new SharedHistory.Stream("ep", 0), 7, 8, bodies).slice();
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
    assertSame(HistorySlice.EMPTY, HistoryRules.log(null, 0, 3, List.of(body("a"))).slice());
    assertSame(HistorySlice.EMPTY, HistoryRules.log(new SharedHistory.Stream("ep", 0), 0, -1, List.of()).slice());
  }

  @Test
  void aLogWhoseMessagesAllExpiredStillTellsItsLatestSeq() {
    HistorySlice slice = HistoryRules.log(new SharedHistory.Stream("ep", 0), 5, 4, List.of()).slice();
    assertEquals(5, slice.lastSeq());
    assertTrue(slice.bodies().isEmpty());
  }

  private static byte[] body(String text) {
    return new JsonObject().put("type", "message").put("room", "r").put("text", text).encode()
        .getBytes(StandardCharsets.UTF_8);
  }
}
