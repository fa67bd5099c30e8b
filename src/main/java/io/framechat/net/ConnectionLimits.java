package io.framechat.net;

import io.framechat.config.LiveConfig;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open TCP connections and UDP sessions, in all and per client address, against
 * {@code limits.maxConnections} and {@code limits.maxConnectionsPerIp}. Shared by every gateway, on
 * every event loop: each address's count changes only inside the map's atomic update.
 */
public final class ConnectionLimits {

  private final LiveConfig config;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perHost = new ConcurrentHashMap<>();

  public ConnectionLimits(LiveConfig config) {
    this.config = config;
  }

  /** Counts one more connection from {@code host}, unless a limit is reached (then nothing is counted). */
  public boolean tryOpen(String host) {
    if (total.incrementAndGet() > config.get().limits().maxConnections()) {
      total.decrementAndGet();
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
  public void closed(String host) {
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
