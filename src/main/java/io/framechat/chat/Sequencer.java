package io.framechat.chat;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.function.Predicate;

/**
 * Gives each room message its room's next {@code seq} and the room's {@code epoch}, and hands it
 * back stamped, to be kept in history and fanned out. A single node numbers its rooms itself
 * ({@link LocalSequencer}); in a cluster one node per room does, and its history outlives any
 * node. Called on the broadcast verticle's event loop only.
 */
public interface Sequencer {

  /**
   * A message refused because the room's numbering is behind: more messages wait for it than the
   * bound ({@code cluster.maxPendingMessages}). The sender is told {@code busy} and may try again.
   */
  final class Busy extends RuntimeException {
    public Busy(String message) {
      super(message, null, false, false);
    }
  }

  /** Where stamped messages go: the broadcast verticle's history and members. */
  interface Sink {
    /** A message numbered on this node, its body carrying its seq and epoch. */
    void stamped(String room, String epoch, long seq, Buffer body);

    /** Consecutive messages the room's sequencer numbered, as frames, seqs from {@code firstSeq}. */
    void stamped(String room, String epoch, long firstSeq, FrameBatch frames);
  }

  /** Called once, on the broadcast verticle's context, before any other call. */
  void start(Sink sink);

  /**
   * Numbers a message accepted for a room whose history on this node stands at {@code here}. The
   * sink hears of it, at once or once the cluster has stored it; the future gives its seq (-1 if
   * it was stored before, sent again), or fails when it could not be numbered (the cluster did not
   * answer).
   */
  Future<Long> sequence(RoomMessage message, Position here);

  /** Where a room this node does not follow yet stands, and what its history holds. */
  Future<HistorySlice> load(String room);

  /** Called now and then: drops what is kept of rooms nobody is in ({@code inUseHere} tells for this node). */
  void expire(Predicate<String> inUseHere);

  /**
   * A single node's sequencer that keeps every message in {@code store} ({@link StoredSequencer}).
   *
   * @param memorySize messages of a room kept in memory ({@code chat.historySize})
   * @param sync a message reaches its room only once written
   */
  static Sequencer stored(MessageStore store, java.util.function.IntSupplier memorySize, boolean sync) {
    return new StoredSequencer(store, memorySize, sync);
  }

  /** Called every second, at {@code now} (epoch milliseconds): time-based upkeep; nothing by default. */
  default void tick(long now) {
  }

  /** The node is stopping and numbers nothing more: records where each room stands; completes once kept. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
