package io.framechat.net;

import io.framechat.config.LimitsOptions;

/**
 * Flood control for one client: a token bucket of {@code limits.burst} tokens refilled at
 * {@code limits.messagesPerSecond}. Each frame takes a token; a frame with none left is refused, and
 * a client refused more than {@code limits.maxViolations} times before its bucket is full again is
 * cut off. Listings ({@code who}, {@code rooms}) take a token from a bucket of their own as well
 * ({@code limits.listingBurst}, {@code limits.listingsPerSecond}). Limits are read at each check, so
 * a reload applies at once. Not thread-safe: one per client (per kind of request).
 */
public final class FloodGuard {

  /** What to do with a frame. */
  public enum Verdict { ALLOW, REFUSE, CUT_OFF }

  private double tokens = -1;
  private long lastNanos;
  private int violations;

  /** Takes a token for a frame. */
  public Verdict check(long nowNanos, LimitsOptions limits) {
    return check(nowNanos, limits.messagesPerSecond(), limits.burst(), limits.maxViolations());
  }

  /** Takes a token for a listing, from a guard kept for listings only. */
  public Verdict checkListing(long nowNanos, LimitsOptions limits) {
    return check(nowNanos, limits.listingsPerSecond(), limits.listingBurst(), limits.maxViolations());
  }

  private Verdict check(long nowNanos, int perSecond, int burst, int maxViolations) {
    if (tokens < 0) {
      tokens = burst;
    } else {
      tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perSecond / 1e9);
    }
    lastNanos = nowNanos;
    if (tokens >= burst) {
      violations = 0;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ALLOW;
    }
    return ++violations > maxViolations ? Verdict.CUT_OFF : Verdict.REFUSE;
  }
}
