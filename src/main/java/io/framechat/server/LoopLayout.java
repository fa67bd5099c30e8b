package io.framechat.server;

import java.util.List;

/**
 * Where the chat's event loop is among the TCP listener's. The chat numbers every message and hands
 * the fan-out to the listener's loops; a loop that does both makes every message wait for that
 * loop's writes to its members (twice the p99 at 1 M deliveries/s: docs/OPERATIONS.md, "Threads and
 * the tail"). More event loops than listener instances (the defaults) keep them apart.
 */
enum LoopLayout {
  /** The chat's loop carries no TCP connection. */
  OWN("the chat on an event loop of its own"),
  /** The chat's loop is also a listener instance's, while other instances run on other loops. */
  SHARED("the chat on a listener's event loop"),
  /** Everything on one event loop: no hand-off between threads. */
  SINGLE("everything on one event loop");

  private final String description;

  LoopLayout(String description) {
    this.description = description;
  }

  /** The layout of the chat's loop {@code chat} and the listener instances' {@code listeners}. */
  static LoopLayout of(Thread chat, List<Thread> listeners) {
    boolean shared = listeners.stream().anyMatch(t -> t == chat);
    boolean elsewhere = listeners.stream().anyMatch(t -> t != chat);
    return !shared ? OWN : elsewhere ? SHARED : SINGLE;
  }

  /** For the start-up log. */
  String description() {
    return description;
  }
}
