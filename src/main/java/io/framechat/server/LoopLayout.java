package io.framechat.server;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where the chat's event loop is among the listeners'. The chat numbers every message and hands the
 * fan-out to the listeners' loops; a loop that does both makes every message wait for that loop's
 * writes to its members (twice the p99 at 1 M deliveries/s: docs/OPERATIONS.md, "Threads and the
 * tail"). With more event loops than TCP listener instances (the defaults), {@link #turnPast} keeps
 * them apart; {@link #turnToSpare} then puts the UDP listener and the HTTP server (with its WebSocket
 * clients) on loops that carry neither, where there are any, and otherwise on the chat's rather than
 * on a TCP listener's (in a room of TCP and WebSocket members the TCP clients' p99 was 79 ms with the
 * WebSocket writes on a TCP listener's loop, 7.6 ms on the chat's, 6.0 to 6.6 ms on a spare one:
 * docs/BENCHMARKS.md).
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
    turnPast(group(vertx), chat, instances);
  }

  /**
   * Turns the round robin of {@code group} to just past the loop of {@code chat}, so that the next
   * {@code instances} contexts made take other loops, where there are more loops than that; with as
   * many or fewer, it leaves the group as it is.
   */
  static void turnPast(EventLoopGroup group, Thread chat, int instances) {
    List<EventExecutor> order = order(group);
    int at = first(order, loop -> loop.inEventLoop(chat));
    if (order.size() > instances && at >= 0) {
      turn(group, at + 1);
    }
  }

  /**
   * Turns the round robin of the group {@code vertx} makes its contexts from so that the next context
   * takes a spare loop: the first from where it stands that carries neither the chat ({@code chat})
   * nor a TCP listener instance ({@code tcp}); where every loop carries one, the chat's if no TCP
   * instance is on it; otherwise it is left as it stood. For the UDP listener and the HTTP server, one
   * instance each, so that when there is one spare loop they share it.
   */
  static void turnToSpare(Vertx vertx, Thread chat, List<Thread> tcp) {
    turnToSpare(group(vertx), chat, tcp);
  }

  /** {@link #turnToSpare(Vertx, Thread, List)} on {@code group}. */
  static void turnToSpare(EventLoopGroup group, Thread chat, List<Thread> tcp) {
    Predicate<EventExecutor> noTcp = loop -> tcp.stream().noneMatch(loop::inEventLoop);
    List<EventExecutor> order = order(group);
    int at = first(order, noTcp.and(loop -> !loop.inEventLoop(chat)));
    if (at < 0) {
      at = first(order, noTcp.and(loop -> loop.inEventLoop(chat)));
    }
    turn(group, at);
  }

  private static EventLoopGroup group(Vertx vertx) {
    return ((VertxInternal) vertx).nettyEventLoopGroup();
  }

  /**
   * The group's loops in the order the next contexts made will take them: a whole turn of the round
   * robin, which leaves it where it stood.
   */
  private static List<EventExecutor> order(EventLoopGroup group) {
    List<EventExecutor> order = new ArrayList<>();
    for (EventExecutor ignored : group) {
      order.add(group.next());
    }
    return order;
  }

  /** Moves the round robin on by {@code steps} (none when negative). */
  private static void turn(EventLoopGroup group, int steps) {
    for (int i = 0; i < steps; i++) {
      group.next();
    }
  }

  private static int first(List<EventExecutor> order, Predicate<EventExecutor> wanted) {
    for (int i = 0; i < order.size(); i++) {
      if (wanted.test(order.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The threads of the server's event loops: the chat's, the TCP listener instances', the UDP listener's and the HTTP server's. */
  record Threads(Thread chat, List<Thread> tcp, Thread udp, Thread http) {

    /** Where the chat's loop is among the TCP listener's. */
    LoopLayout layout() {
      return of(chat, tcp);
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
