package io.framechat.chat;

import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A single node numbers its rooms itself, synchronously: the next seq is one more than what its
 * history holds, and the body is encoded once with it. A room taken up afresh (first used, or
 * forgotten after its history expired) starts a new epoch.
 */
public final class LocalSequencer implements Sequencer {

  private Sink sink;

  @Override
  public void start(Sink sink) {
    this.sink = sink;
  }

  @Override
  public Future<Long> sequence(RoomMessage message, Position here) {
    long seq = here.seq() + 1;
    sink.stamped(message.room(), here.epoch(), seq, message.encode(seq, here.epoch()));
    return Future.succeededFuture(seq);
  }

  @Override
  public Future<HistorySlice> load(String room) {
    return Future.succeededFuture(new HistorySlice(newEpoch(), 1, 0, List.of()));
  }

  @Override
  public void expire(Predicate<String> inUseHere) {
    // the node's own history is all there is: it expires with it
  }

  /** A new epoch: short, random, unlike the room's previous ones. */
  static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
