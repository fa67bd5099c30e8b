package io.framechat.chat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReserveAheadTest {

  @Test
  void aBusyRoomReservesMoreEachTime() {
    ReserveAhead ahead = new ReserveAhead();
    assertEquals(1000, ahead.ask(0));
    assertEquals(2000, ahead.ask(300), "asked again within a second: twice as many");
    assertEquals(4000, ahead.ask(600));
    assertEquals(4000, ahead.ask(3000), "a few seconds later: as many");
    assertEquals(2000, ahead.ask(20_000), "after a quiet spell: half");
    assertEquals(1000, ahead.ask(40_000));
    assertEquals(1000, ahead.ask(60_000), "never under the minimum");
  }

  @Test
  void theBlockHasABound() {
    ReserveAhead ahead = new ReserveAhead();
    for (int i = 0; i < 40; i++) {
      ahead.ask(i);
    }
    assertEquals(ReserveAhead.MAX, ahead.block());
  }

  @Test
  void moreIsAskedForWhenLessThanHalfIsLeft() {
    ReserveAhead ahead = new ReserveAhead();
    ahead.ask(0);
    assertFalse(ahead.low(100, 1000), "900 left of 1000");
    assertFalse(ahead.low(500, 1000), "half left");
    assertTrue(ahead.low(501, 1000));
  }
}
