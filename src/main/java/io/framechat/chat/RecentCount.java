package io.framechat.chat;

import java.util.Arrays;

/**
 * Counts events over the last minute, in six buckets of ten seconds: the oldest bucket goes as a
 * new one starts, so the count covers between 50 and 60 seconds. Single-threaded.
 */
final class RecentCount {

  private static final long BUCKET_MS = 10_000;
  private static final int BUCKETS = 6;

  private final int[] counts = new int[BUCKETS];
  /** The bucket number (time / BUCKET_MS) of the newest bucket. */
  private long newest;

  void add(long now) {
    advance(now);
    counts[(int) (newest % BUCKETS)]++;
  }

  int count(long now) {
    advance(now);
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    return total;
  }

  private void advance(long now) {
    long bucket = now / BUCKET_MS;
    if (bucket - newest >= BUCKETS) {
      Arrays.fill(counts, 0);
    } else {
      for (long b = newest + 1; b <= bucket; b++) {
        counts[(int) (b % BUCKETS)] = 0;
      }
    }
    newest = Math.max(newest, bucket);
  }
}
