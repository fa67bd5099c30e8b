package io.framechat.cluster;

import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One room's state at its sequencer ({@link RoomSequencer}): where its numbering stands, the
 * messages waiting for the next append with each one's promise of its seq, and the ids of the
 * room's recent messages (a message sent again is stored once). Used on the broadcast verticle's
 * event loop only.
 */
final class RoomQueue {

  private static final int REMEMBERED_IDS = 1024;

  /** The next append's messages, oldest first, and each one's promise of its seq. */
  record Next(List<RoomSequencer.Pending> messages, List<Promise<Long>> done) {
  }

  boolean ready;
  String epoch;
  /** The seq before the room's log's first position. */
  long base;
  long lastSeq;
  final RoomKeeper.Reservation reservation = new RoomKeeper.Reservation();
  boolean appending;
  /** Appends that failed since the room last stored. */
  private int failedAppends;
  /** Messages waiting for the next append, and each one's promise of its seq. */
  final List<RoomSequencer.Pending> pending = new ArrayList<>();
  final List<Promise<Long>> done = new ArrayList<>();
  final LinkedHashSet<String> recentIds = new LinkedHashSet<>();

  void remember(String id) {
    if (recentIds.add(id) && recentIds.size() > REMEMBERED_IDS) {
      recentIds.remove(recentIds.iterator().next());
    }
  }

  /**
   * An append of {@code messages} failed (those whose place is not -1 were in it): the room is taken
   * up again before the next, and their ids are no longer among its recent ones (unless its log
   * holds them then), so that one sent again is stored. True for the first failure since the room
   * last stored.
   */
  boolean failed(List<RoomSequencer.Pending> messages, int[] places) {
    ready = false;
    for (int i = 0; i < messages.size(); i++) {
      if (places[i] >= 0) {
        recentIds.remove(messages.get(i).id());
      }
    }
    return failedAppends++ == 0;
  }

  /** The room stored: the appends that failed before, now forgotten. */
  int stored() {
    int failed = failedAppends;
    failedAppends = 0;
    return failed;
  }

  /** Takes the messages of the next append: all that wait, or the oldest {@code max}. */
  Next takeNext(int max) {
    return new Next(takeFirst(pending, max), takeFirst(done, max));
  }

  private static <T> List<T> takeFirst(List<T> list, int n) {
    List<T> first = new ArrayList<>(list.subList(0, Math.min(n, list.size())));
    list.subList(0, first.size()).clear();
    return first;
  }
}
