package io.framechat.net;

import io.framechat.config.LiveConfig;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open TCP connections and UDP sessions, in all and per client address, against
 * {@code limits.maxConnections} and {@code limits.maxConnectionsPerIp}. Shared by every gateway.
 */
public final class ConnectionLimits {

  private final LiveConfig config;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perHost = new ConcurrentHashMap<>();

  public ConnectionLimits(LiveConfig config) {
    this.config = config;
  }

  /** Counts one more connection from {@code host}, unless a limit is reached (then nothing is counted). */
  public boolean tryOpen(String host) {
    if (total.incrementAndGet() > config.get().getLimits().getMaxConnections()) {
      total.decrementAndGet();
      return false;
    }
    int perIp = config.get().getLimits().getMaxConnectionsPerIp();
    AtomicInteger count = perHost.computeIfAbsent(host, h -> new AtomicInteger());
    if (count.incrementAndGet() > perIp) {
      count.decrementAndGet();
      total.decrementAndGet();
      return false;
    }
    return true;
  }

  /** A connection counted by {@link #tryOpen} is closed. */
  public void closed(String host) {
    total.decrementAndGet();
    perHost.computeIfPresent(host, (h, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  public int total() {
    return total.get();
  }
}
