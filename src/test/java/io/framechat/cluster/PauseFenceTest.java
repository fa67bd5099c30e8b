package io.framechat.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PauseFenceTest {

  private long now = 1_000_000_000L;
  private int members = 3;
  private final List<Long> stops = new ArrayList<>();
  private final PauseFence fence = new PauseFence(4000, () -> now, () -> members, stops::add);

  private void advance(long millis) {
    now += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void regularTicksKeepItIntact() {
    for (int i = 0; i < 100; i++) {
      advance(100);
      fence.tick();
    }
    advance(3900);
    assertTrue(fence.intact(), "a gap under the bound");
    assertEquals(List.of(), stops);
  }

  @Test
  void aFreezeSeenFirstByTheCoreStopsTheNodeOnce() {
    fence.tick();
    advance(8300);
    assertFalse(fence.intact());
    fence.tick();
    assertFalse(fence.intact());
    assertEquals(List.of(8300L), stops);
  }

  @Test
  void aFreezeSeenFirstByTheTickerStopsTheNode() {
    advance(6000);
    fence.tick();
    assertFalse(fence.intact(), "the ticker saw it: the core is told at once");
    assertEquals(List.of(6000L), stops);
  }

  @Test
  void aNodeAloneIsNeverStopped() {
    members = 1;
    advance(60_000);
    fence.tick();
    assertTrue(fence.intact());
    assertEquals(List.of(), stops);
  }

  @Test
  void theBoundIsTheMemberTimeoutLessAHeartbeat() {
    assertEquals(4000, PauseFence.boundMillis(5));
    assertEquals(1000, PauseFence.boundMillis(1));
  }
}
