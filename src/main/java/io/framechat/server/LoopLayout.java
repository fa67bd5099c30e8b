package io.framechat.server;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.util.List;

/**
 * Where the chat's event loop is among the TCP listener's. The chat numbers every message and hands
 * the fan-out to the listener's loops; a loop that does both makes every message wait for that
 * loop's writes to its members (twice the p99 at 1 M deliveries/s: docs/OPERATIONS.md, "Threads and
 * the tail"). With more event loops than listener instances (the defaults), {@link #turnPast} keeps
 * them apart.
 *
 * <p>Netty's event-loop group, because Vert.x gives each new context the group's next loop and does
 * not let a deployment choose: which loop the listener gets then depends on how many contexts were
 * made before it (in a cluster, with two loops and one listener instance, the chat's).
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

  /**
   * {@link #turnPast(EventLoopGroup, Thread, int)} on the group {@code vertx} makes its contexts from
   * (an internal accessor: Vert.x 5 has no public one).
   */
  static void turnPast(Vertx vertx, Thread chat, int instances) {
    turnPast(((VertxInternal) vertx).nettyEventLoopGroup(), chat, instances);
  }

  /**
   * Turns the round robin of {@code group} to just past the loop of {@code chat}, so that the next
   * {@code instances} contexts made take other loops, where there are more loops than that; with as
   * many or fewer, it leaves the group as it is.
   */
  static void turnPast(EventLoopGroup group, Thread chat, int instances) {
    int loops = 0;
    for (EventExecutor ignored : group) {
      loops++;
    }
    for (int i = 0; loops > instances && i < loops; i++) {
      if (group.next().inEventLoop(chat)) {
        return;
      }
    }
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
