package io.framechat.cluster;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultLedgerTest {

  private final FaultLedger ledger = new FaultLedger();

  private void message(String to, String room, String epoch, long seq, String text) {
    ledger.received(to, new JsonObject().put("type", "message").put("room", room).put("epoch", epoch).put("seq", seq)
        .put("text", text));
  }

  @Test
  void everyMessageOnceInOrderIsClean() {
    for (long seq = 1; seq <= 3; seq++) {
      message("a", "r", "e", seq, "a:" + seq);
      message("b", "r", "e", seq, "a:" + seq);
    }
    FaultLedger.Report report = ledger.report();
    assertTrue(report.clean(), report.toString());
    assertEquals(3, report.numbered());
    assertEquals(6, report.delivered());
  }

  @Test
  void aDuplicateAGapAndAMissedMessageAreCounted() {
    message("a", "r", "e", 1, "a:1");
    message("a", "r", "e", 2, "a:2");
    message("a", "r", "e", 3, "a:3");
    message("b", "r", "e", 1, "a:1");
    message("b", "r", "e", 1, "a:1");
    message("b", "r", "e", 3, "a:3");
    FaultLedger.Report report = ledger.report();
    assertEquals(1, report.duplicates());
    assertEquals(1, report.gaps());
    assertEquals(1, report.missed(), "b never got seq 2");
    assertFalse(report.clean());
  }

  @Test
  void aGapTheClientWasToldOfIsNoGap() {
    message("b", "r", "e", 1, "x:1");
    ledger.received("b", new JsonObject().put("type", "recovered").put("room", "r").put("recovered", false)
        .put("seq", 9).put("epoch", "e"));
    message("b", "r", "e", 9, "x:9");
    FaultLedger.Report report = ledger.report();
    assertEquals(0, report.gaps());
    assertEquals(1, report.notRecovered());
  }

  @Test
  void aSeqNamingTwoMessagesIsAConflict() {
    message("a", "r", "e", 1, "a:1");
    message("b", "r", "e", 1, "b:1");
    assertEquals(1, ledger.report().conflicts());
  }
}
