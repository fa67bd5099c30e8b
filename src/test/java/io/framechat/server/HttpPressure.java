package io.framechat.server;

import io.framechat.testing.RawSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP side of {@link HostileTrafficTest}, each on a thread of its own until {@link #stop}: from
 * 127.0.0.2, idle connections, twice that address's allowance, one after the other, saying
 * nothing (the first ones must be kept, every one past the allowance closed at once), held to the
 * end; from 127.0.0.1, {@code GET /health} every 200 ms, which must answer 200 every time.
 */
final class HttpPressure {

  final AtomicLong idleHeld = new AtomicLong();
  final AtomicLong idleRefused = new AtomicLong();
  final AtomicLong healthAnswered = new AtomicLong();
  final AtomicLong healthFailed = new AtomicLong();
  private final int port;
  private final int perIp;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean attacking = true;

  /** Against the HTTP listener on {@code port}, whose {@code limits.maxConnectionsPerIp} is {@code perIp}. */
  HttpPressure(int port, int perIp) {
    this.port = port;
    this.perIp = perIp;
  }

  HttpPressure start() {
    threads.add(new Thread(this::idleFlood, "idle-http-flood"));
    threads.add(new Thread(this::askHealth, "health-checks"));
    threads.forEach(Thread::start);
    return this;
  }

  /** Ends both and waits for them (30 s each at most). */
  void stop() throws InterruptedException {
    attacking = false;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
  }

  private void idleFlood() {
    List<RawSocket> held = new ArrayList<>();
    for (int i = 0; i < 2 * perIp && attacking; i++) {
      held.add(RawSocket.connect("127.0.0.2", port));
    }
    for (int i = 0; i < held.size(); i++) {
      boolean closed = i < perIp ? held.get(i).closedWithin(i < 5 ? 200 : 0) : held.get(i).closedWithin(5000);
      (closed ? idleRefused : idleHeld).incrementAndGet();
    }
    while (attacking) {
      LockSupport.parkNanos(50_000_000);
    }
    held.forEach(RawSocket::close);
  }

  private void askHealth() {
    while (attacking) {
      try (RawSocket socket = RawSocket.connect("127.0.0.1", port)) {
        socket.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String answer = new String(socket.awaitClosed(5000), StandardCharsets.ISO_8859_1);
        (answer.startsWith("HTTP/1.1 200") ? healthAnswered : healthFailed).incrementAndGet();
      } catch (AssertionError e) {
        healthFailed.incrementAndGet();
      }
      LockSupport.parkNanos(200_000_000);
    }
  }
}
