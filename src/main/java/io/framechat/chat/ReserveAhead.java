package io.framechat.chat;

/**
 * How many seqs a room reserves ahead in its store: a block that doubles while the room asks again
 * within a second (a busy room must not wait for its store between blocks) and halves after ten
 * quiet seconds, between {@value #MIN} and {@value #MAX}. More is asked for when less than half a
 * block is left. Whoever numbers the room holds one; no I/O.
 */
public final class ReserveAhead {

  public static final long MIN = 1000;
  public static final long MAX = 1 << 20;
  private static final long BUSY_MS = 1000;
  private static final long QUIET_MS = 10_000;

  private long block = MIN;
  private long lastAskedAt = -1;

  /** Seqs to reserve past the last one, asking at {@code now} (milliseconds). */
  public long ask(long now) {
    if (lastAskedAt >= 0) {
      long since = now - lastAskedAt;
      if (since < BUSY_MS) {
        block = Math.min(MAX, block * 2);
      } else if (since > QUIET_MS) {
        block = Math.max(MIN, block / 2);
      }
    }
    lastAskedAt = now;
    return block;
  }

  /** Whether more should be asked for: less than half a block is left past {@code last}. */
  public boolean low(long last, long reserved) {
    return reserved - last < block / 2;
  }

  /** The block asked for lately. */
  public long block() {
    return block;
  }
}
