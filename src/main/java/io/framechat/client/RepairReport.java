package io.framechat.client;

/** How a client reports the room messages it found missing and fetched again. */
public final class RepairReport {

  private RepairReport() {
  }

  /** {@code 12 of 12 missing messages repaired from history} (and {@code , 2 lost} when some were). */
  public static String describe(SeqTracker.Counts counts) {
    return counts.repaired() + " of " + counts.gaps() + " missing messages repaired from history"
        + (counts.lost() > 0 ? ", " + counts.lost() + " lost" : "");
  }
}
