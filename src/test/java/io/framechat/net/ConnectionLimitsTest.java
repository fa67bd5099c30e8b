package io.framechat.net;

import io.framechat.config.FramechatConfig;
import io.framechat.config.LiveConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionLimitsTest {

  private static ConnectionLimits limits(int total, int perIp) {
    return new ConnectionLimits(new LiveConfig(FramechatConfig.fromJson(new JsonObject().put("limits",
        new JsonObject().put("maxConnections", total).put("maxConnectionsPerIp", perIp)))));
  }

  @Test
  @DisplayName("the per-address and total caps admit exactly up to their limits, and a close frees a place")
  void caps() {
    ConnectionLimits limits = limits(3, 2);
    assertTrue(limits.tryOpen("a"));
    assertTrue(limits.tryOpen("a"));
    assertFalse(limits.tryOpen("a"));
    assertTrue(limits.tryOpen("b"));
    assertFalse(limits.tryOpen("c"), "the total cap");
    limits.closed("a");
    assertTrue(limits.tryOpen("c"));
    assertEquals(3, limits.total());
    assertEquals(1, limits.from("a"));
  }

  @Test
  @DisplayName("the open-files limit lowers the cap: files open and those reserved are taken off, and never below 1")
  void ceiling_from_the_open_files_limit() {
    assertEquals(400 - 60 - 128, ConnectionLimits.ceiling(400, 60, 128));
    assertEquals(1, ConnectionLimits.ceiling(100, 60, 128));
    assertEquals(Integer.MAX_VALUE, ConnectionLimits.ceiling(Long.MAX_VALUE, 60, 128));
    ConnectionLimits limits = new ConnectionLimits(new LiveConfig(FramechatConfig.DEFAULTS), 2);
    assertEquals(2, limits.maxConnections());
    assertTrue(limits.tryOpen("a"));
    assertTrue(limits.tryOpen("b"));
    assertFalse(limits.tryOpen("c"), "past the ceiling, whatever limits.maxConnections says");
  }

  @Test
  @DisplayName("opened and closed from many threads at once, an address never holds more than its cap, and ends at 0")
  void counts_hold_across_threads() throws Exception {
    ConnectionLimits limits = limits(1000, 2);
    AtomicInteger open = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 200_000; i++) {
          if (limits.tryOpen("10.0.0.1")) {
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
            open.decrementAndGet();
            limits.closed("10.0.0.1");
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertTrue(most.get() <= 2, most.get() + " connections were open at once from one address");
    assertEquals(0, limits.from("10.0.0.1"));
    assertEquals(0, limits.total());
  }
}
