package io.framechat.chat;

import io.framechat.protocol.Resume;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Resumes from a seq this node has not reached in the room yet. In a cluster a client can have a
 * message that the node it resumes on does not have yet: the room's sequencer hands a message to its
 * own members before the other nodes receive it, and one that dies in between leaves it to the next
 * sequencer to send on. A client entering such a room here would enter below its own seq and get
 * what it already has again, live. So its entry waits until the room here has handed on its seq (or
 * the room's epoch changed), for at most {@code chat.resumeWaitMillis}; then it enters as it would
 * have, and a replay that cannot reach its seq ends with {@code recovered} false. Only a resume that
 * names the room's epoch waits: a seq without one may be from an epoch gone. A client entering a
 * room whose messages wait here in order waits the same way, for the seq the room stands at
 * ({@link HistoryLoader}). Free of I/O; the broadcast verticle's event loop only.
 */
final class ResumeWaits {

  private record Waiter(String epoch, long seq, long deadline, Promise<Boolean> entered) {
  }

  private final Map<String, List<Waiter>> waiting = new HashMap<>();

  /** Whether a resume {@code from} is ahead of where the room stands here ({@code at}), in the same epoch. */
  static boolean ahead(Position at, Resume from) {
    return from != null && from.epoch() != null && from.epoch().equals(at.epoch()) && from.seq() > at.seq();
  }

  /**
   * Completes when the room reaches {@code from}'s seq here or leaves its epoch (with true), or at
   * {@code deadline} (with false).
   */
  Future<Boolean> until(String room, Resume from, long deadline) {
    Promise<Boolean> entered = Promise.promise();
    waiting.computeIfAbsent(room, name -> new ArrayList<>(1)).add(new Waiter(from.epoch(), from.seq(), deadline,
        entered));
    return entered.future();
  }

  /** Whether resumes wait for {@code room} (asked for every message: one lookup, and none when nobody waits). */
  boolean waitFor(String room) {
    return !waiting.isEmpty() && waiting.containsKey(room);
  }

  /** The room has handed on every message up to {@code at} here: the resumes it reached go in. */
  void reached(String room, Position at) {
    List<Waiter> waiters = waiting.get(room);
    if (waiters != null) {
      release(room, waiters, waiter -> !waiter.epoch.equals(at.epoch()) || at.seq() >= waiter.seq, true);
    }
  }

  /** The resumes that waited until {@code now}: they go in as they are. */
  void expire(long now) {
    if (waiting.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<Waiter>> entry : List.copyOf(waiting.entrySet())) {
      release(entry.getKey(), entry.getValue(), waiter -> waiter.deadline <= now, false);
    }
  }

  /** Resumes waiting, in all rooms. */
  int size() {
    return waiting.values().stream().mapToInt(List::size).sum();
  }

  /** Takes the waiters that are {@code due} out first, then lets them in: a client entering may make others wait. */
  private void release(String room, List<Waiter> waiters, Predicate<Waiter> due, boolean reached) {
    List<Promise<Boolean>> go = new ArrayList<>();
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      if (due.test(waiter)) {
        it.remove();
        go.add(waiter.entered);
      }
    }
    if (waiters.isEmpty()) {
      waiting.remove(room);
    }
    go.forEach(entered -> entered.complete(reached));
  }
}
