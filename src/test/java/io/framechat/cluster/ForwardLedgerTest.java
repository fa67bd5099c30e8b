package io.framechat.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sender's count of what its requests to room owners left unsettled. */
class ForwardLedgerTest {

  private final ForwardLedger ledger = new ForwardLedger();

  @Test
  void aRequestIsSettledForItsOwnerOnceEachOfItsMessagesIs() {
    assertEquals(1, ledger.next("n2", 2));
    assertEquals(2, ledger.next("n3", 1));
    ledger.settled(1);
    assertEquals(List.of(), ledger.takeSettled("n2"), "one message of request 1 not settled");
    ledger.settled(2);
    ledger.settled(1);
    assertEquals(List.of(1L), ledger.takeSettled("n2"));
    assertEquals(List.of(), ledger.takeSettled("n2"), "told once");
    assertEquals(List.of(2L), ledger.takeSettled("n3"));
    assertEquals(0, ledger.open());
  }

  @Test
  void aRequestOfMessagesAllSentBeforeIsNotCountedAndNumbersGoOn() {
    assertEquals(1, ledger.next("n2", 0));
    assertEquals(2, ledger.next("n2", 1));
    assertEquals(1, ledger.open());
    ledger.settled(1); // a message first asked in request 1 would be counted there: none is
    assertEquals(List.of(), ledger.takeSettled("n2"));
  }

  @Test
  void anOwnerThatLeftIsToldNothing() {
    ledger.next("n2", 1);
    ledger.next("n2", 1);
    ledger.settled(1);
    ledger.ownerLeft("n2");
    ledger.settled(2);
    assertEquals(List.of(), ledger.takeSettled("n2"));
    assertEquals(0, ledger.open());
  }
}
