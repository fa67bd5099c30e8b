package io.framechat.net;

import io.vertx.core.Vertx;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Spreads the goodbyes of a stopping server over its drain window, so that clients told to
 * reconnect do not all come back at the same moment.
 */
public final class Drain {

  private Drain() {
  }

  /** Runs {@code bye} at a random moment within the first four fifths of {@code drainSeconds}. */
  public static void spread(Vertx vertx, int drainSeconds, Runnable bye) {
    long window = drainSeconds * 1000L;
    long delay = window <= 0 ? 0 : ThreadLocalRandom.current().nextLong(window * 4 / 5 + 1);
    if (delay < 1) {
      bye.run();
    } else {
      vertx.setTimer(delay, t -> bye.run());
    }
  }
}
