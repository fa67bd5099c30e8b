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
  private static final Plan EMPTY = new Plan(NOTHING, 0, false, false);

  /**
   * What the turn holds, with whether each is room traffic: most turns bring a connection one batch,
   * held as it is; lists are made for a second one (idle connections hold none).
   */
  private FrameBatch first;
  private boolean firstRoom;
  private List<FrameBatch> more;
  private List<Boolean> moreRoom;
  private long heldBytes;
  private boolean dropping;

  boolean isEmpty() {
    return first == null;
  }

  /** Holds a batch of frames; {@code room} for room traffic (which a slow consumer may lose). */
  void add(FrameBatch frames, boolean room) {
    if (first == null) {
      first = frames;
      firstRoom = room;
    } else {
      if (more == null) {
        more = new ArrayList<>(4);
        moreRoom = new ArrayList<>(4);
      }
      more.add(frames);
      moreRoom.add(room);
    }
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
    first = null;
    more = null;
    moreRoom = null;
    heldBytes = 0;
  }

  /**
   * The common turn, taken with nothing made: one batch held and a socket that takes more. Returns
   * that batch, let go of as {@link #plan} would, or null when the turn needs a plan (more than one
   * batch held, nothing held, or a socket over the bound). A connection of a busy room goes through
   * here once per member per turn, so a plan made each time would be most of what a delivery allocates.
   */
  FrameBatch takeSingle(boolean writable) {
    if (!writable || more != null || first == null) {
      return null;
    }
    FrameBatch only = first;
    clear();
    dropping = false;
    return only;
  }

  /**
   * Takes what is held, deciding by whether the socket can take more ({@code writable}) and whether
   * the client has left unread more than twice the bound ({@code farBehind}): then it is cut off
   * whatever the policy, as it does not even read the replies to its own requests.
   */
  Plan plan(boolean writable, boolean farBehind, SlowConsumerPolicy policy) {
    if (first == null) {
      return EMPTY;
    }
    FrameBatch only = first;
    boolean onlyRoom = firstRoom;
    List<FrameBatch> others = more;
    List<Boolean> othersRoom = moreRoom;
    clear();
    if (writable) {
      dropping = false;
      if (others == null) {
        return new Plan(List.of(only), 0, false, false);
      }
      others.add(0, only);
      return new Plan(others, 0, false, false);
    }
    if (policy == SlowConsumerPolicy.DISCONNECT || farBehind) {
      return new Plan(NOTHING, 0, true, false);
    }
    boolean tell = !dropping;
    dropping = true;
    int held = 1 + (others == null ? 0 : others.size());
    List<FrameBatch> replies = new ArrayList<>(held);
    if (!onlyRoom) {
      replies.add(only);
    }
    for (int i = 0; others != null && i < others.size(); i++) {
      if (!othersRoom.get(i)) {
        replies.add(others.get(i));
      }
    }
    return new Plan(replies, held - replies.size(), false, tell);
  }
}
