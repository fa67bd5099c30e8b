package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the chat's event loop lands among the listeners' (TCP, then UDP and HTTP): worked out from
 * the threads alone, then seen on real servers with as many event loops as each case names, each of
 * which still carries a message from one client to another.
 */
@Timeout(60)
class LoopLayoutTest {

  @Test
  void fromTheThreads() {
    Thread chat = new Thread(() -> { });
    Thread a = new Thread(() -> { });
    Thread b = new Thread(() -> { });
    assertEquals(LoopLayout.OWN, LoopLayout.of(chat, List.of(a, b)));
    assertEquals(LoopLayout.OWN, LoopLayout.of(chat, List.of(a, a)));
    assertEquals(LoopLayout.SHARED, LoopLayout.of(chat, List.of(a, chat)));
    assertEquals(LoopLayout.SINGLE, LoopLayout.of(chat, List.of(chat, chat)));
    assertEquals(LoopLayout.SINGLE, LoopLayout.of(chat, List.of(chat)));
  }

  /** Past the chat's loop, whatever the round robin stood at: the next instances take other loops. */
  @Test
  void turnsTheRoundRobinPastTheChat() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(3, NioIoHandler.newFactory());
    try {
      List<Thread> threads = threadsOf(group);
      for (Thread chat : threads) {
        for (int before = 0; before < 4; before++) {
          for (int i = 0; i < before; i++) {
            group.next();
          }
          LoopLayout.turnPast(group, chat, 2);
          assertFalse(group.next().inEventLoop(chat));
          assertFalse(group.next().inEventLoop(chat));
        }
      }
      // as many instances as loops: the round robin is left where it stood
      int stood = threads.indexOf(group.next().submit(Thread::currentThread).get());
      LoopLayout.turnPast(group, threads.get((stood + 2) % 3), 3);
      assertTrue(group.next().inEventLoop(threads.get((stood + 1) % 3)));
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** A spare loop (neither the chat's nor a TCP listener's) first; else the chat's; else as it stood. */
  @Test
  void turnsTheRoundRobinToASpareLoop() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
    try {
      List<Thread> t = threadsOf(group);
      for (int before = 0; before < 5; before++) {
        for (int i = 0; i < before; i++) {
          group.next();
        }
        LoopLayout.turnToSpare(group, t.get(0), List.of(t.get(1), t.get(2)));
        assertTrue(group.next().inEventLoop(t.get(3)), "the spare loop, from " + before);
        LoopLayout.turnToSpare(group, t.get(0), List.of(t.get(1), t.get(2), t.get(3)));
        assertTrue(group.next().inEventLoop(t.get(0)), "no spare loop: the chat's, from " + before);
      }
      // the chat's loop carries TCP clients too: nothing is better, the round robin is left as it stood
      int stood = t.indexOf(group.next().submit(Thread::currentThread).get());
      LoopLayout.turnToSpare(group, t.get(0), t);
      assertTrue(group.next().inEventLoop(t.get((stood + 1) % 4)));
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** The group's loops' threads, in the group's order. */
  private static List<Thread> threadsOf(EventLoopGroup group) throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (EventExecutor loop : group) {
      threads.add(loop.submit(Thread::currentThread).get());
    }
    return threads;
  }

  private static void await(Future<?> future) throws Exception {
    future.await(TestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * The defaults are two loops a core and one listener a core: the first row on any machine's count.
   * The UDP listener and the HTTP server go to a spare loop where there is one (both to the one there
   * is with the defaults, one each where there are two), else to the chat's, never to a TCP listener's while the chat's is free of
   * TCP clients.
   */
  @ParameterizedTest(name = "{0} event loops, {1} TCP instances: {2}, UDP and HTTP on {3}")
  @CsvSource({"4, 2, OWN, SPARE", "8, 4, OWN, SPARE", "3, 2, OWN, CHAT", "2, 1, OWN, CHAT", "2, 2, SHARED, ANY",
      "1, 2, SINGLE, CHAT", "1, 1, SINGLE, CHAT"})
  void onARealServer(int loops, int instances, LoopLayout expected, String others) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    try {
      FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "instances", instances));
      LoopLayout.Threads threads = server.loops();
      assertEquals(expected, threads.layout());
      for (Thread side : List.of(threads.udp(), threads.http())) {
        if (others.equals("SPARE")) {
          assertTrue(side != threads.chat() && !threads.tcp().contains(side), side + " in " + threads);
        } else if (others.equals("CHAT")) {
          assertEquals(threads.chat(), side, threads.toString());
        }
      }
      if (others.equals("SPARE")) {
        // one spare loop (the defaults): both on it; more: one each
        assertEquals(loops == instances + 2, threads.udp() == threads.http(), threads.toString());
      }
      TestClient alice = TestClient.tcp(vertx, server.tcpPort());
      TestClient bob = TestClient.tcp(vertx, server.tcpPort());
      alice.send(new JsonObject().put("type", "say").put("text", "hi"));
      assertEquals("hi", bob.nextOfType("message").getString("text"));
      await(server.stop());
    } finally {
      await(vertx.close());
    }
  }
}
