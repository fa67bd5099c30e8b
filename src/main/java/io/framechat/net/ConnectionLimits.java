package io.framechat.net;

import io.framechat.config.LiveConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Counts every socket accepted on the server's listeners (chat TCP, HTTP, management), from the
 * moment it is accepted ({@link AcceptGuard}), and every UDP session, in all and per client address,
 * against {@code limits.maxConnections} and {@code limits.maxConnectionsPerIp}. Shared by every
 * listener and gateway, on every event loop: each address's count changes only inside the map's
 * atomic update.
 *
 * <p>The total never goes past what the process's open-files limit allows ({@link #ceiling}): a
 * connection over a limit is refused with an error frame, while the server keeps files for itself
 * (its HTTP endpoint, configuration reads) and never meets "too many open files".
 */
public final class ConnectionLimits {

  private static final Logger LOG = Logger.getLogger(ConnectionLimits.class.getName());

  private final LiveConfig config;
  private final int ceiling;
  private final AtomicInteger total = new AtomicInteger();
  /** Whether the open-files ceiling was said to bite (once). */
  private final AtomicBoolean ceilingSaid = new AtomicBoolean();
  private final ConcurrentHashMap<String, Integer> perHost = new ConcurrentHashMap<>();

  /** @param ceiling connections never to exceed whatever {@code limits.maxConnections} says */
  public ConnectionLimits(LiveConfig config, int ceiling) {
    this.config = config;
    this.ceiling = ceiling;
  }

  public ConnectionLimits(LiveConfig config) {
    this(config, Integer.MAX_VALUE);
  }

  /**
   * Limits bounded by the process's open-files limit, less the files open now and
   * {@code limits.reservedFiles}; says so in one line when that is below {@code limits.maxConnections},
   * and warns once if a connection is ever refused for it.
   */
  public static ConnectionLimits withinOpenFiles(LiveConfig config) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean unix)) {
      return new ConnectionLimits(config);
    }
    long limit = unix.getMaxFileDescriptorCount();
    long open = unix.getOpenFileDescriptorCount();
    int reserved = config.get().limits().reservedFiles();
    int ceiling = ceiling(limit, open, reserved);
    int wanted = config.get().limits().maxConnections();
    if (ceiling < wanted) {
      LOG.info("open-files limit " + limit + " (ulimit -n) less the " + open + " files open and limits.reservedFiles "
          + reserved + " leaves room for " + ceiling + " connections: limits.maxConnections " + wanted
          + " is lowered to " + ceiling + " (a warning follows if it is ever reached)");
    }
    return new ConnectionLimits(config, ceiling);
  }

  /** Connections that fit in {@code limit} open files with {@code open} open and {@code reserved} kept back (at least 1). */
  static int ceiling(long limit, long open, int reserved) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - open - reserved));
  }

  /** The cap in force: {@code limits.maxConnections}, or less if the open-files limit says so. */
  public int maxConnections() {
    return Math.min(ceiling, config.get().limits().maxConnections());
  }

  /**
   * One counted connection: {@link #release()} gives its place back, once, however many times it is
   * called (when the server decides to close, and again when the socket is closed).
   */
  public final class Slot {
    private final String host;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String host) {
      this.host = host;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        closed(host);
      }
    }

    public String host() {
      return host;
    }
  }

  /** Counts one more connection from {@code host}: its slot, or null when a limit is reached (nothing is counted). */
  public Slot open(String host) {
    return open(host, 0);
  }

  /**
   * The same for a listener that may go {@code headroom} past the total (the management port, into
   * the files kept for probes and scrapes), never past the per-address cap.
   */
  public Slot open(String host, int headroom) {
    return tryOpen(host, headroom) ? new Slot(host) : null;
  }

  /** Which limit one more connection from {@code host} is over: {@code per_ip}, {@code total}, or null. */
  public String overBy(String host, int headroom) {
    if (total.get() >= maxConnections() + headroom) {
      return "total";
    }
    return from(host) >= config.get().limits().maxConnectionsPerIp() ? "per_ip" : null;
  }

  /** Counts one more connection from {@code host}, unless a limit is reached (then nothing is counted). */
  boolean tryOpen(String host) {
    return tryOpen(host, 0);
  }

  private boolean tryOpen(String host, int headroom) {
    if (total.incrementAndGet() > maxConnections() + headroom) {
      total.decrementAndGet();
      if (ceiling < config.get().limits().maxConnections() && !ceilingSaid.getAndSet(true)) {
        LOG.warning("a connection was refused at " + ceiling + " connections, the open-files limit's room, below"
            + " limits.maxConnections " + config.get().limits().maxConnections() + ": raise ulimit -n");
      }
      return false;
    }
    int perIp = config.get().limits().maxConnectionsPerIp();
    boolean[] admitted = {false};
    perHost.compute(host, (h, count) -> {
      int open = count == null ? 0 : count;
      if (open >= perIp) {
        return count;
      }
      admitted[0] = true;
      return open + 1;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
    }
    return admitted[0];
  }

  /** A connection counted by {@link #tryOpen} is closed. */
  void closed(String host) {
    total.decrementAndGet();
    perHost.computeIfPresent(host, (h, count) -> count <= 1 ? null : count - 1);
  }

  public int total() {
    return total.get();
  }

  /** Connections counted for {@code host}. */
  public int from(String host) {
    return perHost.getOrDefault(host, 0);
  }
}
