package io.framechat.chat;

import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A room's numbered messages handed to its members here in seq order, each once. In a cluster the
 * messages of one room can come from two sequencers for a moment (while the room's owner changes,
 * nodes learn of the new one one after another) and so out of order: a message ahead of the next
 * seq waits until the ones before it come, for at most {@link #HOLD_MS} ms (a message stored by a
 * sequencer that died before passing it on comes only when the next owner takes the room up) and
 * at most {@link #MAX_HELD} messages; then those held go out with the gap, which the history shows.
 * A message at or before the last one handed on is not handed on again. Free of I/O; the broadcast
 * verticle's event loop only.
 */
final class InOrder {

  /** How long a message waits for those before it. */
  static final long HOLD_MS = 1000;
  /** How many messages of a room may wait. */
  static final int MAX_HELD = 10_000;

  private String epoch;
  /** The next seq to hand on; 0 before the first. */
  private long next;
  private TreeMap<Long, Buffer> held;
  private long heldSince;

  /**
   * Takes message {@code seq} of {@code epoch} and adds what may be handed on now to {@code out}, in
   * order: none (it waits, or came before), it alone, or it and those that waited for it.
   *
   * @param startAt where the room stands when this is its first message here (or of a new epoch):
   *     the seq after the last one this node knew of, or {@code seq} itself when it knew none
   */
  void offer(String messageEpoch, long seq, Buffer body, long startAt, long now, List<Buffer> out) {
    if (next == 0 || !messageEpoch.equals(epoch)) {
      epoch = messageEpoch;
      next = startAt;
      held = null;
    }
    if (seq < next) {
      return;
    }
    if (seq > next) {
      if (held == null) {
        held = new TreeMap<>();
        heldSince = now;
      }
      held.putIfAbsent(seq, body);
      if (held.size() > MAX_HELD) {
        release(out);
      }
      return;
    }
    out.add(body);
    next = seq + 1;
    while (held != null) {
      Map.Entry<Long, Buffer> first = held.firstEntry();
      if (first.getKey() < next) {
        held.pollFirstEntry();
      } else if (first.getKey() == next) {
        out.add(held.pollFirstEntry().getValue());
        next++;
      } else {
        break;
      }
      if (held.isEmpty()) {
        held = null;
      }
    }
  }

  /** Whether messages wait, since before {@code cutoff}. */
  boolean heldSince(long cutoff) {
    return held != null && heldSince <= cutoff;
  }

  boolean holding() {
    return held != null;
  }

  /** Hands on every message that waits, in order, past the gap before them. */
  void release(List<Buffer> out) {
    if (held == null) {
      return;
    }
    out.addAll(held.values());
    next = held.lastKey() + 1;
    held = null;
  }
}
