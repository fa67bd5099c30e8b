package io.framechat.udp;

import java.util.function.LongSupplier;

/**
 * When the room traffic of sessions that take packed datagrams goes out ({@code udp.packWaitMillis}),
 * so that a busy room's messages share datagrams: a turn after a quiet spell (nothing released for the
 * wait) sends at once, so a lone message waits for nothing; a turn within the wait of the last release
 * holds its frames until the wait is over, and every turn until then adds to them. Under load each
 * member then gets a wait's worth of a room's messages in as few datagrams as fit, instead of the few
 * one turn brings. No I/O and no clock of its own: the caller gives the time and keeps the timer.
 */
final class PackWait {

  /** What {@link #hold} answers for a turn that sends at once. */
  static final long AT_ONCE = -1;
  /** What {@link #hold} answers when the frames wait for a release already asked for. */
  static final long ASKED = 0;

  private final long waitNanos;
  private long lastRelease;
  private boolean released;
  private boolean atOnce;
  private boolean asked;

  PackWait(int waitMillis) {
    this.waitNanos = waitMillis * 1_000_000L;
  }

  /**
   * Whether frames sent now wait: {@link #AT_ONCE}; {@link #ASKED} (they wait for the release already
   * asked for); or the milliseconds after which the caller is to call {@link #released} (they wait,
   * and this is the first to). The clock (nanoseconds) is read only by the first call of a turn that
   * decides: the others, one per member, get the turn's answer.
   */
  long hold(LongSupplier clock) {
    if (waitNanos == 0 || atOnce) {
      return AT_ONCE;
    }
    if (asked) {
      return ASKED;
    }
    long now = clock.getAsLong();
    if (!released || now - lastRelease >= waitNanos) {
      released = true;
      lastRelease = now;
      atOnce = true;
      return AT_ONCE;
    }
    asked = true;
    long left = lastRelease + waitNanos - now;
    return Math.max(1, (left + 999_999) / 1_000_000);
  }

  /** The turn's frames were written: the next turn decides again. */
  void turnEnded() {
    atOnce = false;
  }

  /** The frames held were released at {@code now}: the next wait counts from here. */
  void released(long now) {
    asked = false;
    released = true;
    lastRelease = now;
  }
}
