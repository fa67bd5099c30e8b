package io.framechat.client;

import java.util.function.LongUnaryOperator;

/**
 * Delays between reconnection attempts: doubling from {@link #DEFAULT_FIRST_MILLIS} up to
 * {@link #DEFAULT_MAX_MILLIS}, each drawn between half and all of that, so that clients cut off
 * together (a server going down) do not all come back at the same moment.
 */
public final class Backoff {

  public static final long DEFAULT_FIRST_MILLIS = 250;
  public static final long DEFAULT_MAX_MILLIS = 8000;

  private final long firstMillis;
  private final long maxMillis;
  /** Given a bound, a number in [0, bound). */
  private final LongUnaryOperator random;

  public Backoff(long firstMillis, long maxMillis, LongUnaryOperator random) {
    if (firstMillis <= 0 || maxMillis < firstMillis) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + firstMillis + ", " + maxMillis);
    }
    this.firstMillis = firstMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The delay before attempt {@code attempt} (1 for the first). */
  public long delayMillis(int attempt) {
    int doublings = Math.max(0, attempt - 1);
    long ceiling = maxMillis;
    if (doublings < Long.numberOfLeadingZeros(firstMillis) - 1) {
      ceiling = Math.min(maxMillis, firstMillis << doublings);
    }
    long half = ceiling / 2;
    return half + random.applyAsLong(ceiling - half + 1);
  }
}
