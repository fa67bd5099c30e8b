package io.framechat.udp;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a packed session's room traffic waits: times in nanoseconds, given. */
class PackWaitTest {

  private static final long MS = 1_000_000L;

  @Test
  @DisplayName("the first turn, and a turn after a quiet spell, send at once: a lone message waits for nothing")
  void quiet_sends_at_once() {
    PackWait wait = new PackWait(2);
    assertEquals(PackWait.AT_ONCE, wait.hold(() -> 100 * MS));
    assertEquals(PackWait.AT_ONCE, wait.hold(() -> 100 * MS), "the rest of that turn too");
    wait.turnEnded();
    assertEquals(PackWait.AT_ONCE, wait.hold(() -> 102 * MS), "2 ms later: quiet again");
  }

  @Test
  @DisplayName("a turn within the wait of the last release holds until the wait is over; later turns add to it")
  void busy_turns_wait_for_the_release() {
    PackWait wait = new PackWait(2);
    assertEquals(PackWait.AT_ONCE, wait.hold(() -> 100 * MS));
    wait.turnEnded();
    assertEquals(2, wait.hold(() -> 100 * MS + 100_000), "1.9 ms left, asked in whole milliseconds");
    assertEquals(PackWait.ASKED, wait.hold(() -> 101 * MS + 500_000), "the release is asked for already");
    wait.turnEnded();
    assertEquals(PackWait.ASKED, wait.hold(() -> 101 * MS + 900_000), "a later turn adds to what waits");
    wait.released(102 * MS + 100_000);
    assertEquals(2, wait.hold(() -> 102 * MS + 200_000), "the next wait counts from the release");
    wait.released(104 * MS + 200_000);
    assertEquals(PackWait.AT_ONCE, wait.hold(() -> 110 * MS), "quiet since the release");
  }

  @Test
  @DisplayName("a wait of 0 never holds")
  void zero_never_holds() {
    PackWait wait = new PackWait(0);
    for (int turn = 0; turn < 3; turn++) {
      long at = turn * 1000L;
      assertEquals(PackWait.AT_ONCE, wait.hold(() -> at));
      wait.turnEnded();
    }
  }

  @Test
  @DisplayName("at least 1 ms is asked for, however little of the wait is left")
  void at_least_a_millisecond() {
    PackWait wait = new PackWait(1);
    assertEquals(PackWait.AT_ONCE, wait.hold(() -> 0));
    wait.turnEnded();
    assertEquals(1, wait.hold(() -> MS - 10));
  }
}
