package io.framechat.chat;

import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link Sequencer} that knows how many accepted messages it is still numbering: a drain waits
 * for them before it tells the clients {@code bye}, so that none of them is lost on the way.
 */
final class CountedSequencer implements Sequencer {

  private final Sequencer sequencer;
  private final List<Runnable> whenIdle = new ArrayList<>();
  private int numbering;

  CountedSequencer(Sequencer sequencer) {
    this.sequencer = sequencer;
  }

  @Override
  public void start(Sink sink) {
    sequencer.start(sink);
  }

  @Override
  public Future<Long> sequence(RoomMessage message, Position here) {
    numbering++;
    return sequencer.sequence(message, here).andThen(done -> {
      if (--numbering == 0 && !whenIdle.isEmpty()) {
        List<Runnable> due = List.copyOf(whenIdle);
        whenIdle.clear();
        due.forEach(Runnable::run);
      }
    });
  }

  /** Runs {@code then} once no message is being numbered (at once if none is). */
  void whenIdle(Runnable then) {
    if (numbering == 0) {
      then.run();
    } else {
      whenIdle.add(then);
    }
  }

  @Override
  public Future<HistorySlice> load(String room) {
    return sequencer.load(room);
  }

  @Override
  public void expire(Predicate<String> inUseHere) {
    sequencer.expire(inUseHere);
  }
}
