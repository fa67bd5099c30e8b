package io.framechat.cluster;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Notices that this node was frozen (SIGSTOP, a stop-the-world pause, a suspended VM) for longer
 * than the others wait for a silent member. They have declared it dead by then and taken over its
 * rooms; were it to go on, it would number messages beside them. So it stops: {@link #intact()}
 * turns false at once (the cluster core then drops what it would send or apply) and the node is
 * halted, so that its clients resume on live nodes and a restart brings it back as a new member.
 *
 * <p>A thread of its own looks at the clock every {@value #TICK_MS} ms; a gap longer than the
 * bound is a freeze. The cluster core also asks {@link #intact()} before it numbers or applies
 * anything, which reads the clock too, so a freeze is seen by whichever thread runs first after it.
 * A node alone in its cluster is never stopped: there is nobody to serve beside.
 */
final class PauseFence {

  static final long TICK_MS = 100;

  private final long boundNanos;
  private final LongSupplier clock;
  private final IntSupplier members;
  private final LongConsumer stop;
  private volatile long lastTick;
  private volatile boolean tripped;

  /**
   * @param boundMillis a gap longer than this is a freeze
   * @param members how many members this node's cluster has (as it last knew)
   * @param stop told the length of the freeze in ms, once; it stops the node
   */
  PauseFence(long boundMillis, LongSupplier clock, IntSupplier members, LongConsumer stop) {
    this.boundNanos = TimeUnit.MILLISECONDS.toNanos(boundMillis);
    this.clock = clock;
    this.members = members;
    this.stop = stop;
    this.lastTick = clock.getAsLong();
  }

  /**
   * The bound for {@code cluster.memberTimeoutSeconds}: the timeout less a heartbeat (members
   * beat every second), so that a node the others may have declared dead stops.
   */
  static long boundMillis(int memberTimeoutSeconds) {
    return Math.max(1000, TimeUnit.SECONDS.toMillis(memberTimeoutSeconds) - 1000);
  }

  /** Starts the thread that looks at the clock. */
  PauseFence start() {
    Thread thread = new Thread(() -> {
      while (!tripped) {
        tick();
        try {
          Thread.sleep(TICK_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "framechat-pause-fence");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** One look at the clock: a gap longer than the bound since the last one stops the node. */
  void tick() {
    long now = clock.getAsLong();
    if (!check(now)) {
      return;
    }
    lastTick = now;
  }

  /** False once this node was frozen for longer than the bound (it is being stopped). */
  boolean intact() {
    return !tripped && check(clock.getAsLong());
  }

  private boolean check(long now) {
    long gap = now - lastTick;
    if (gap > boundNanos && members.getAsInt() > 1) {
      trip(gap);
      return false;
    }
    return !tripped;
  }

  private synchronized void trip(long gapNanos) {
    if (!tripped) {
      tripped = true;
      stop.accept(TimeUnit.NANOSECONDS.toMillis(gapNanos));
    }
  }
}
