package io.framechat.net;

import io.framechat.config.SlowConsumerPolicy;
import io.framechat.protocol.FrameBatch;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The slow-consumer verdict of one connection, with no socket: what is written, dropped, cut off. */
class OutboundQueueTest {

  private static final FrameBatch ROOM_1 = FrameBatch.of(Buffer.buffer("room 1"));
  private static final FrameBatch REPLY = FrameBatch.of(Buffer.buffer("reply"));
  private static final FrameBatch ROOM_2 = FrameBatch.of(Buffer.buffer("room 2"));

  private final OutboundQueue queue = new OutboundQueue();

  private void hold() {
    queue.add(ROOM_1, true);
    queue.add(REPLY, false);
    queue.add(ROOM_2, true);
  }

  @Test
  @DisplayName("a client keeping up gets everything held, in order, and the queue is empty after")
  void writable_writes_everything() {
    hold();
    OutboundQueue.Plan plan = queue.plan(true, false, SlowConsumerPolicy.DISCONNECT);
    assertEquals(List.of(ROOM_1, REPLY, ROOM_2), plan.write());
    assertFalse(plan.cutOff());
    assertTrue(queue.isEmpty());
  }

  @Test
  @DisplayName("under disconnect, a client still over the bound is cut off and nothing more is written")
  void disconnect_policy_cuts_off() {
    hold();
    OutboundQueue.Plan plan = queue.plan(false, false, SlowConsumerPolicy.DISCONNECT);
    assertTrue(plan.cutOff());
    assertEquals(List.of(), plan.write());
  }

  @Test
  @DisplayName("under drop, a client that leaves more than twice the bound unread is cut off too: it does not even read its replies")
  void drop_policy_cuts_off_far_behind() {
    hold();
    OutboundQueue.Plan plan = queue.plan(false, true, SlowConsumerPolicy.DROP);
    assertTrue(plan.cutOff());
    assertEquals(List.of(), plan.write());
  }

  @Test
  @DisplayName("what is held is counted in bytes until it is drained")
  void held_bytes_are_counted() {
    hold();
    assertEquals(ROOM_1.buffer().length() + REPLY.buffer().length() + ROOM_2.buffer().length(), queue.heldBytes());
    queue.plan(true, false, SlowConsumerPolicy.DISCONNECT);
    assertEquals(0, queue.heldBytes());
  }

  @Test
  @DisplayName("under drop, room traffic is dropped and counted, replies still go, and the client is told once per fall")
  void drop_policy_keeps_replies() {
    hold();
    OutboundQueue.Plan first = queue.plan(false, false, SlowConsumerPolicy.DROP);
    assertEquals(List.of(REPLY), first.write());
    assertEquals(2, first.dropped());
    assertTrue(first.tellDropping());
    hold();
    OutboundQueue.Plan second = queue.plan(false, false, SlowConsumerPolicy.DROP);
    assertFalse(second.tellDropping(), "told once while it stays behind");
    hold();
    assertEquals(3, queue.plan(true, false, SlowConsumerPolicy.DROP).write().size(), "caught up: everything again");
    hold();
    assertTrue(queue.plan(false, false, SlowConsumerPolicy.DROP).tellDropping(), "fell behind again: told again");
  }

  @Test
  @DisplayName("one batch held alone (the common turn) goes out, or is dropped, or kept as a reply, the same as among others")
  void one_batch_alone() {
    queue.add(ROOM_1, true);
    assertEquals(List.of(ROOM_1), queue.plan(true, false, SlowConsumerPolicy.DROP).write());
    assertTrue(queue.isEmpty());
    queue.add(ROOM_1, true);
    OutboundQueue.Plan dropped = queue.plan(false, false, SlowConsumerPolicy.DROP);
    assertEquals(List.of(), dropped.write());
    assertEquals(1, dropped.dropped());
    queue.add(REPLY, false);
    OutboundQueue.Plan reply = queue.plan(false, false, SlowConsumerPolicy.DROP);
    assertEquals(List.of(REPLY), reply.write());
    assertEquals(0, reply.dropped());
    queue.add(REPLY, false);
    queue.add(ROOM_1, true);
    assertEquals(List.of(REPLY), queue.plan(false, false, SlowConsumerPolicy.DROP).write(), "a reply first, room traffic after");
    assertEquals(0, queue.plan(true, false, SlowConsumerPolicy.DROP).write().size(), "nothing held: nothing written");
  }

  @Test
  @DisplayName("one batch held and a socket keeping up: taken with no plan; anything else is left for the plan")
  void a_single_batch_needs_no_plan() {
    assertEquals(null, queue.takeSingle(true), "nothing held");
    queue.add(ROOM_1, true);
    assertEquals(null, queue.takeSingle(false), "a socket over the bound: the plan judges it");
    assertEquals(1, queue.plan(false, false, SlowConsumerPolicy.DROP).dropped());
    queue.add(ROOM_2, true);
    assertEquals(ROOM_2, queue.takeSingle(true));
    assertTrue(queue.isEmpty());
    assertEquals(0, queue.heldBytes());
    queue.add(ROOM_1, true);
    assertTrue(queue.plan(false, false, SlowConsumerPolicy.DROP).tellDropping(), "caught up in between: told again when it falls behind");
    hold();
    assertEquals(null, queue.takeSingle(true), "more than one batch: the plan writes them in order");
    assertEquals(List.of(ROOM_1, REPLY, ROOM_2), queue.plan(true, false, SlowConsumerPolicy.DROP).write());
  }
}
