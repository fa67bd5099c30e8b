package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.protocol.Stamps;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rules of the cluster's shared history, whoever keeps it: a message's seq is its position in
 * the room's log plus one, plus the room's base (0 unless the room went on from a store: its log
 * started afresh after the whole cluster stopped, and its seqs go on from the store's); an epoch
 * stands while the room's log holds (or held) messages under it, and a room whose log is empty
 * though an epoch says it had messages lost them: it gets a new epoch, so that clients tell the
 * history is gone (unless a store holds them, and the room goes on from it). No I/O.
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

  /** The seq of the message at log position {@code position} of a room whose base is {@code base}. */
  static long seqOf(long base, long position) {
    return base + position + 1;
  }

  /** How the shared map of epochs holds a room's epoch and base: {@code EPOCH}, or {@code EPOCH@BASE}. */
  static String value(SharedHistory.Stream stream) {
    return stream.base() == 0 ? stream.epoch() : stream.epoch() + "@" + stream.base();
  }

  /** The epoch and base a value of the map of epochs holds; null for none. */
  static SharedHistory.Stream stream(String value) {
    if (value == null) {
      return null;
    }
    int at = value.indexOf('@');
    return at < 0 ? new SharedHistory.Stream(value, 0)
        : new SharedHistory.Stream(value.substring(0, at), Long.parseLong(value.substring(at + 1)));
  }

  /**
   * What a read of a room's log gives: its bodies (read from {@code firstPosition} on) stamped with
   * their seqs and the epoch, and the room's latest seq ({@code tail}'s). The slice is empty when
   * there is no epoch, or the log never held anything and does not go on from a store (base 0).
   */
  static SharedHistory.Log log(SharedHistory.Stream stream, long firstPosition, long tail, List<byte[]> bodies) {
    if (stream == null || (tail < 0 && stream.base() == 0)) {
      return new SharedHistory.Log(HistorySlice.EMPTY, stream == null ? 0 : stream.base(), tail);
    }
    List<Buffer> stamped = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      stamped.add(Stamps.sequenced(Buffer.buffer(bodies.get(i)), seqOf(stream.base(), firstPosition + i), stream.epoch()));
    }
    return new SharedHistory.Log(new HistorySlice(stream.epoch(), seqOf(stream.base(), firstPosition),
        seqOf(stream.base(), tail), stamped), stream.base(), tail);
  }
}
