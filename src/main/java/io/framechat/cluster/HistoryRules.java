package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.protocol.Stamps;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rules of the cluster's shared history, whoever keeps it: a message's seq is its position in
 * the room's log plus one; an epoch stands while the room's log holds (or held) messages under it,
 * and a room whose log is empty though an epoch says it had messages lost them: it gets a new epoch,
 * so that clients tell the history is gone. No I/O.
 */
final class HistoryRules {

  private HistoryRules() {
  }

  /**
   * Whether {@code existing} (null: none) stays the room's epoch, given the last position its log
   * holds ({@code tail}, -1 when it never held anything) and whether a new one is asked for.
   */
  static boolean keepEpoch(String existing, long tail, boolean renew) {
    return existing != null && !renew && tail >= 0;
  }

  /** A new epoch: short, random, unlike the room's previous ones. */
  static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The seq of the message at log position {@code position}. */
  static long seqOf(long position) {
    return position + 1;
  }

  /**
   * What a read of a room's log gives: its bodies (read from {@code firstPosition} on) stamped with
   * their seqs and the epoch, and the room's latest seq ({@code tail}'s). Empty when there is no
   * epoch or the log never held anything.
   */
  static HistorySlice slice(String epoch, long firstPosition, long tail, List<byte[]> bodies) {
    if (epoch == null || tail < 0) {
      return HistorySlice.EMPTY;
    }
    List<Buffer> stamped = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      stamped.add(Stamps.sequenced(Buffer.buffer(bodies.get(i)), seqOf(firstPosition + i), epoch));
    }
    return new HistorySlice(epoch, seqOf(firstPosition), seqOf(tail), stamped);
  }
}
