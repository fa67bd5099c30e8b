package io.framechat.net;

import io.framechat.config.SlowConsumerPolicy;
import io.framechat.protocol.FrameBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * What one stream connection (TCP, WebSocket) holds to write at the end of an event-loop turn, and
 * the slow-consumer verdict on it. A client is slow when its backlog from the turn before is still over
 * {@code tcp.sendQueueBytes} (the socket is not writable): under {@code disconnect} it is cut off;
 * under {@code drop} the room traffic for it is dropped until it catches up, while the replies to
 * its own requests still go out, and it is told once each time it falls behind. No I/O.
 */
final class OutboundQueue {

  /**
   * What to do with the turn's frames: write {@code write}; cut the client off; or tell it that
   * its room messages are being dropped ({@code dropped} of them this turn).
   */
  record Plan(List<FrameBatch> write, int dropped, boolean cutOff, boolean tellDropping) {
  }

  private static final List<FrameBatch> NOTHING = List.of();

  /** What the turn holds, with whether each is room traffic; made when first needed (idle connections hold none). */
  private List<FrameBatch> pending;
  private List<Boolean> roomTraffic;
  private long heldBytes;
  private boolean dropping;

  boolean isEmpty() {
    return pending == null;
  }

  /** Holds a batch of frames; {@code room} for room traffic (which a slow consumer may lose). */
  void add(FrameBatch frames, boolean room) {
    if (pending == null) {
      pending = new ArrayList<>(4);
      roomTraffic = new ArrayList<>(4);
    }
    pending.add(frames);
    roomTraffic.add(room);
    heldBytes += frames.buffer().length();
  }

  /**
   * Bytes held since they were last taken. Past {@code tcp.sendQueueBytes} the holder writes them at once
   * rather than at the end of the turn, so a turn that brings many batches (an event loop that fell
   * behind) is judged batch by batch against the bound, not written whole.
   */
  long heldBytes() {
    return heldBytes;
  }

  /** Drops what is held. */
  void clear() {
    pending = null;
    roomTraffic = null;
    heldBytes = 0;
  }

  /**
   * Takes what is held, deciding by whether the socket can take more ({@code writable}) and whether
   * the client has left unread more than twice the bound ({@code farBehind}): then it is cut off
   * whatever the policy, as it does not even read the replies to its own requests.
   */
  Plan plan(boolean writable, boolean farBehind, SlowConsumerPolicy policy) {
    if (pending == null) {
      return new Plan(NOTHING, 0, false, false);
    }
    List<FrameBatch> held = pending;
    List<Boolean> room = roomTraffic;
    clear();
    if (writable) {
      dropping = false;
      return new Plan(held, 0, false, false);
    }
    if (policy == SlowConsumerPolicy.DISCONNECT || farBehind) {
      return new Plan(NOTHING, 0, true, false);
    }
    boolean tell = !dropping;
    dropping = true;
    List<FrameBatch> replies = new ArrayList<>(held.size());
    for (int i = 0; i < held.size(); i++) {
      if (!room.get(i)) {
        replies.add(held.get(i));
      }
    }
    return new Plan(replies, held.size() - replies.size(), false, tell);
  }
}
