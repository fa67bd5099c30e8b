package io.framechat.chat;

import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Takes up a room before a client enters it: its epoch and position and, in a cluster, what the
 * shared history holds. Meanwhile the client's later requests wait ({@link Requests}). On a single
 * node this completes at once.
 */
final class HistoryLoader {

  private final RoomHistory history;
  private final Sequencer sequencer;
  private final Requests requests;
  private final Predicate<Client> connected;
  private final LongSupplier clock;

  HistoryLoader(RoomHistory history, Sequencer sequencer, Requests requests, Predicate<Client> connected,
      LongSupplier clock) {
    this.history = history;
    this.sequencer = sequencer;
    this.requests = requests;
    this.connected = connected;
    this.clock = clock;
  }

  /** Runs {@code then} once this node follows {@code room}: now if it does, else after loading it. */
  void whenKnown(Client client, String room, Runnable then) {
    if (history.known(room)) {
      then.run();
      return;
    }
    requests.await(client, sequencer.load(room), loaded -> {
      if (!history.known(room)) {
        history.load(room, loaded.succeeded() ? loaded.result() : HistorySlice.EMPTY, clock.getAsLong());
      }
      if (connected.test(client)) {
        then.run();
      }
    });
  }
}
