package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * Room history kept by the cluster, so that it outlives any one node: per room, message bodies whose
 * positions are the room's seqs, and the room's epoch. The node that owns a room's history numbers
 * its messages ({@link RoomSequencer}). {@link RingbufferHistory} keeps it in Hazelcast; the rules
 * every keeper follows are {@link HistoryRules}'. Futures complete on the broadcast verticle's context.
 */
interface SharedHistory {

  /** A room's epoch, and its base: the seq before its log's first position ({@link HistoryRules#seqOf}). */
  record Stream(String epoch, long base) {
  }

  /** What a read finds: the room's messages, stamped ({@link HistorySlice#EMPTY} when none), its base, and its log's last position (-1: none). */
  record Log(HistorySlice slice, long base, long tail) {
  }

  /**
   * The most bodies one append takes: Hazelcast's ringbuffer takes no more in one call. The
   * sequencer appends a longer backlog in parts, one after another.
   */
  int MAX_APPEND = 1000;

  /** The node (Vert.x node id) that owns the room's history; null if unknown, or no longer a member. */
  String owner(String room);

  /**
   * Appends message bodies (without seq and epoch), at most {@link #MAX_APPEND}; the result is the
   * log position of the last one.
   */
  Future<Long> append(String room, List<Buffer> bodies);

  /**
   * The room's epoch and base ({@link HistoryRules#keepEpoch}): started afresh (base 0) when there
   * is none or the room's history is gone; with {@code renew}, a new one in any case.
   */
  Future<Stream> epoch(String room, boolean renew);

  /** Sets the room's epoch and base, whatever they were: the room goes on from what a store holds. */
  Future<Void> start(String room, Stream stream);

  /** What the history holds for the room. */
  Future<Log> read(String room);

  /** Drops a room's history only if it holds no message any more (all expired), and its epoch with it. */
  Future<Void> drop(String room);

  /** The rooms whose history this node owns and whose messages all expired. */
  Future<List<String>> emptyRooms();
}
