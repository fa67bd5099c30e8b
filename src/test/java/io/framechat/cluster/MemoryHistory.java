package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SharedHistory} in this JVM's memory, following {@link HistoryRules}, for testing the
 * cluster's sequencing without Hazelcast. Appends can be held (a slow store) and made to fail.
 */
final class MemoryHistory implements SharedHistory {

  /** Each room's log (positions from 0) and epoch (with its base, {@link HistoryRules#value}). */
  final Map<String, List<byte[]>> logs = new HashMap<>();
  final Map<String, String> epochs = new HashMap<>();
  /** Who owns every room; null: nobody known. */
  String owner;
  /** Appends made, and those held until {@link #release()}. */
  int appends;
  boolean hold;
  RuntimeException failAppends;
  /** A room whose appends fail, the others' succeeding. */
  String failRoom;
  private final List<Runnable> held = new ArrayList<>();

  MemoryHistory(String owner) {
    this.owner = owner;
  }

  @Override
  public String owner(String room) {
    return owner;
  }

  @Override
  public Future<Long> append(String room, List<Buffer> bodies) {
    appends++;
    if (bodies.size() > MAX_APPEND) {
      return Future.failedFuture(new IllegalArgumentException("collection can't be larger than " + MAX_APPEND)); // as Hazelcast's
    }
    Promise<Long> done = Promise.promise();
    Runnable store = () -> {
      if (failAppends != null || room.equals(failRoom)) {
        done.fail(failAppends != null ? failAppends : new IllegalStateException("store down for " + room));
        return;
      }
      List<byte[]> log = logs.computeIfAbsent(room, r -> new ArrayList<>());
      bodies.forEach(body -> log.add(body.getBytes()));
      done.complete(log.size() - 1L);
    };
    if (hold) {
      held.add(store);
    } else {
      store.run();
    }
    return done.future();
  }

  /** Completes the appends held, in order, and holds no more. */
  void release() {
    hold = false;
    List<Runnable> due = new ArrayList<>(held);
    held.clear();
    due.forEach(Runnable::run);
  }

  @Override
  public Future<Stream> epoch(String room, boolean renew) {
    Stream existing = HistoryRules.stream(epochs.get(room));
    if (HistoryRules.keepEpoch(existing == null ? null : existing.epoch(), tail(room), renew)) {
      return Future.succeededFuture(existing);
    }
    Stream fresh = new Stream(HistoryRules.newEpoch(), 0);
    epochs.put(room, HistoryRules.value(fresh));
    return Future.succeededFuture(fresh);
  }

  @Override
  public Future<Void> start(String room, Stream stream) {
    epochs.put(room, HistoryRules.value(stream));
    return Future.succeededFuture();
  }

  @Override
  public Future<Log> read(String room) {
    List<byte[]> log = logs.getOrDefault(room, List.of());
    return Future.succeededFuture(HistoryRules.log(HistoryRules.stream(epochs.get(room)), 0, tail(room), log));
  }

  @Override
  public Future<Void> drop(String room) {
    logs.remove(room);
    epochs.remove(room);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<String>> emptyRooms() {
    return Future.succeededFuture(List.of());
  }

  private long tail(String room) {
    return logs.getOrDefault(room, List.of()).size() - 1L;
  }
}
