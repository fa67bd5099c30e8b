package io.framechat.net;

import io.framechat.config.LimitsOptions;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.framechat.net.FloodGuard.Verdict.ALLOW;
import static io.framechat.net.FloodGuard.Verdict.CUT_OFF;
import static io.framechat.net.FloodGuard.Verdict.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FloodGuardTest {

  private static LimitsOptions limits(int perSecond, int burst, int maxViolations) {
    return new LimitsOptions(perSecond, burst, maxViolations, 2, 3, LimitsOptions.DEFAULT_MAX_CONNECTIONS,
        LimitsOptions.DEFAULT_MAX_CONNECTIONS_PER_IP, LimitsOptions.DEFAULT_HANDSHAKE_TIMEOUT_SECONDS,
        LimitsOptions.DEFAULT_MAX_PENDING_REQUESTS,
        LimitsOptions.DEFAULT_RESERVED_FILES);
  }


  private static final long SECOND = 1_000_000_000L;
  private final LimitsOptions limits = limits(10, 5, 3);

  @Test
  @DisplayName("a burst goes through, the next frame is refused, and tokens come back at the set rate")
  void burst_then_refill() {
    FloodGuard guard = new FloodGuard();
    for (int i = 0; i < 5; i++) {
      assertEquals(ALLOW, guard.check(0, limits), "frame " + i);
    }
    assertEquals(REFUSE, guard.check(0, limits));
    assertEquals(ALLOW, guard.check(SECOND / 10, limits));
    assertEquals(REFUSE, guard.check(SECOND / 10, limits));
  }

  @Test
  @DisplayName("more than maxViolations refusals before the bucket is full again cut the client off")
  void persistent_flood_is_cut_off() {
    FloodGuard guard = new FloodGuard();
    for (int i = 0; i < 5; i++) {
      guard.check(0, limits);
    }
    assertEquals(REFUSE, guard.check(0, limits));
    assertEquals(REFUSE, guard.check(0, limits));
    assertEquals(REFUSE, guard.check(0, limits));
    assertEquals(CUT_OFF, guard.check(0, limits));
  }

  @Test
  @DisplayName("a client that goes quiet until its bucket is full starts again with no violations")
  void quiet_spell_forgives() {
    FloodGuard guard = new FloodGuard();
    for (int i = 0; i < 5; i++) {
      guard.check(0, limits);
    }
    guard.check(0, limits);
    guard.check(0, limits);
    guard.check(0, limits);
    long later = SECOND;
    for (int i = 0; i < 5; i++) {
      assertEquals(ALLOW, guard.check(later, limits));
    }
    assertEquals(REFUSE, guard.check(later, limits));
    assertEquals(REFUSE, guard.check(later, limits));
    assertEquals(REFUSE, guard.check(later, limits));
    assertEquals(CUT_OFF, guard.check(later, limits));
  }

  @Test
  @DisplayName("new limits apply at the next check")
  void limits_are_read_at_each_check() {
    FloodGuard guard = new FloodGuard();
    for (int i = 0; i < 5; i++) {
      guard.check(0, limits);
    }
    assertEquals(REFUSE, guard.check(0, limits));
    LimitsOptions looser = limits(1000, 50, 3);
    assertEquals(ALLOW, guard.check(SECOND / 100, looser));
  }

  @Test
  @DisplayName("listings take from a bucket of their own: limits.listingBurst, refilled at limits.listingsPerSecond")
  void listings_have_their_own_allowance() {
    FloodGuard listings = new FloodGuard();
    for (int i = 0; i < 3; i++) {
      assertEquals(ALLOW, listings.checkListing(0, limits), "listing " + i);
    }
    assertEquals(REFUSE, listings.checkListing(0, limits));
    assertEquals(ALLOW, listings.checkListing(SECOND / 2, limits), "2 a second: one more after half a second");
    assertEquals(REFUSE, listings.checkListing(SECOND / 2, limits));
  }
}
