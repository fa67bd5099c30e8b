package io.framechat.chat;

import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * A single node numbering its rooms' messages with a {@link MessageStore} to keep them: a room's
 * epoch and seq go on across restarts, and every message is handed to the store once numbered.
 *
 * <p>A seq is given out only once the store has it reserved: a block ahead ({@link ReserveAhead}: from
 * 1,000, larger while the room is busy), more asked for when half is used, and given back (the reservation set to the last message) once the room has
 * been quiet for {@value #QUIET_MS} ms or the node stops, so a clean restart goes on with no gap
 * and a crash goes on past every seq it may have given out. A message that finds no seq reserved
 * waits for the store, at most {@value #WAIT_MS} ms: past that (the store cannot be written), the
 * chat goes on and the seqs are given out unreserved, which a crash during that outage could give
 * out again (logged once per room). With {@code sync} durability a message reaches its room only
 * once it is written.
 */
final class StoredSequencer implements Sequencer {

  private static final Logger LOG = Logger.getLogger(StoredSequencer.class.getName());
  static final long QUIET_MS = 1000;
  static final long WAIT_MS = 1000;

  /** A message waiting for its room's reservation (or the room's take-up). */
  private record Waiting(RoomMessage message, Promise<Long> done, long since) {
  }

  /** One room: its epoch, the last seq given out, the seqs reserved, and what waits. */
  private static final class State {
    final String epoch;
    long last;
    long reserved;
    boolean reserving;
    long lastMessageAt;
    /** A reservation took too long (the store cannot be written): numbering goes on past it until one comes. */
    boolean unreserved;
    final ReserveAhead ahead = new ReserveAhead();
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    State(String epoch, long last, long reserved) {
      this.epoch = epoch;
      this.last = last;
      this.reserved = reserved;
    }
  }

  private final MessageStore store;
  private final IntSupplier memorySize;
  private final boolean sync;
  private final Map<String, State> rooms = new HashMap<>();
  /** Rooms being taken up: whoever asks meanwhile shares the one take-up. */
  private final Map<String, Future<HistorySlice>> opening = new HashMap<>();
  private Sink sink;

  /**
   * @param memorySize messages a room's memory holds ({@code chat.historySize}): as many are read back when it is taken up
   * @param sync a message reaches its room only once written ({@code store.durability sync})
   */
  StoredSequencer(MessageStore store, IntSupplier memorySize, boolean sync) {
    this.store = store;
    this.memorySize = memorySize;
    this.sync = sync;
  }

  @Override
  public void start(Sink sink) {
    this.sink = sink;
  }

  /**
   * Takes the room up once: a room already taken up is read where it stands (its numbering goes
   * on), and one being taken up is shared, so that two clients entering a room at once do not open
   * it twice (the second would start from what the store had written, behind the numbering).
   */
  @Override
  public Future<HistorySlice> load(String room) {
    State known = rooms.get(room);
    if (known != null) {
      return store.latest(room, new MessageStore.Room(known.epoch, known.last + 1, known.reserved),
          memorySize.getAsInt());
    }
    Future<HistorySlice> pending = opening.get(room);
    if (pending != null) {
      return pending;
    }
    // nothing reserved until the first message asks: a room only looked at leaves no seq behind
    Future<HistorySlice> opened = store.open(room, LocalSequencer.newEpoch(), 0).compose(stands -> {
      rooms.put(room, new State(stands.epoch(), stands.next() - 1, stands.reserved()));
      return store.latest(room, stands, memorySize.getAsInt());
    }).andThen(done -> opening.remove(room));
    if (!opened.isComplete()) {
      opening.put(room, opened);
    }
    return opened;
  }

  @Override
  public Future<Long> sequence(RoomMessage message, Position here) {
    State state = rooms.get(message.room());
    Promise<Long> done = Promise.promise();
    if (state == null || !state.epoch.equals(here.epoch())) {
      // not taken up here lately (its state was let go): take it up again, then number
      Waiting waiting = new Waiting(message, done, System.currentTimeMillis());
      load(message.room()).onComplete(loaded -> {
        State fresh = rooms.get(message.room());
        if (loaded.failed() || fresh == null) {
          done.fail(loaded.failed() ? loaded.cause() : new IllegalStateException("room not taken up"));
          return;
        }
        fresh.waiting.add(waiting);
        drain(message.room(), fresh);
      });
      return done.future();
    }
    state.waiting.add(new Waiting(message, done, System.currentTimeMillis()));
    drain(message.room(), state);
    return done.future();
  }

  /** Numbers what waits, as far as the reservation goes (or past it, while the store cannot be written). */
  private void drain(String room, State state) {
    while (!state.waiting.isEmpty()) {
      if (state.last >= state.reserved && !state.unreserved) {
        reserve(room, state, true);
        return;
      }
      Waiting next = state.waiting.poll();
      number(room, state, next);
    }
    if (state.ahead.low(state.last, state.reserved)) {
      reserve(room, state, false);
    }
  }

  private void number(String room, State state, Waiting waiting) {
    long seq = ++state.last;
    state.lastMessageAt = System.currentTimeMillis();
    StoredMessage stored = StoredMessage.of(waiting.message(), state.epoch, seq);
    Buffer body = stored.body();
    if (!sync) {
      store.keepLater(stored);
      sink.stamped(room, state.epoch, seq, body);
      waiting.done().complete(seq);
      return;
    }
    store.keep(stored).onComplete(written -> {
      if (written.succeeded()) {
        sink.stamped(room, state.epoch, seq, body);
        waiting.done().complete(seq);
      } else {
        waiting.done().fail(written.cause());
      }
    });
  }

  /** Asks the store for a block of seqs past the last; {@code now}: a message waits for them. */
  private void reserve(String room, State state, boolean now) {
    if (state.reserving) {
      return;
    }
    state.reserving = true;
    long upTo = state.last + state.ahead.ask(System.currentTimeMillis());
    store.reserve(room, state.epoch, upTo, now).onComplete(reserved -> {
      state.reserving = false;
      if (reserved.succeeded()) {
        state.reserved = Math.max(state.reserved, upTo);
        if (state.unreserved) {
          state.unreserved = false;
          LOG.info("room " + room + ": seqs are reserved again");
        }
        drain(room, state);
      }
    });
  }

  @Override
  public void tick(long now) {
    rooms.forEach((room, state) -> {
      Waiting oldest = state.waiting.peek();
      if (oldest != null && now - oldest.since() > WAIT_MS) {
        state.unreserved = true;
        LOG.warning("room " + room + ": the store did not reserve seqs within " + WAIT_MS + " ms; messages are"
            + " numbered past its reservation until it can be written (a crash meanwhile may give a seq twice)");
        drain(room, state);
      } else if (oldest == null && state.last < state.reserved && now - state.lastMessageAt > QUIET_MS
          && !state.reserving) {
        // quiet: give the seqs back, so that a restart (even a crash) goes on with no gap
        state.reserved = state.last;
        store.reserve(room, state.epoch, state.last, false);
      }
    });
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> kept = new ArrayList<>();
    rooms.forEach((room, state) -> {
      state.reserved = state.last;
      kept.add(store.reserve(room, state.epoch, state.last, true));
    });
    return Future.join(kept).transform(done -> store.close());
  }

  @Override
  public void expire(java.util.function.Predicate<String> inUseHere) {
    // a room's state is small and its next message needs it; rooms given back and unused let it go
    rooms.entrySet().removeIf(room -> !inUseHere.test(room.getKey()) && room.getValue().waiting.isEmpty()
        && room.getValue().last == room.getValue().reserved && !room.getValue().reserving
        && System.currentTimeMillis() - room.getValue().lastMessageAt > 10 * QUIET_MS);
  }
}
