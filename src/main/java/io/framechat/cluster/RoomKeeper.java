package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.chat.MessageStore;
import io.framechat.chat.ReserveAhead;
import io.framechat.chat.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * What the node numbering a room keeps in the cluster's {@link MessageStore} (PostgreSQL): the
 * messages it numbers, written once, by it; where a room goes on when the whole cluster stopped and
 * its shared log is gone; and seqs reserved ahead of the numbering ({@link ReserveAhead}), as a single node does, so that
 * a cluster killed at once goes on past every seq it may have given out. With no store, nothing.
 *
 * <p>A store that does not answer within {@value #WAIT_MS} ms holds nothing up: the room is taken up
 * from the cluster alone, or numbered past its reservation, one warning each. Runs on the broadcast
 * verticle's event loop.
 */
final class RoomKeeper {

  /** How long the numbering waits for the store before going on without it. */
  static final long WAIT_MS = 1000;
  /** A room quiet this long gives its unused seqs back, so that a restart goes on with no gap. */
  static final long QUIET_MS = 1000;

  private static final Logger LOG = Logger.getLogger(RoomKeeper.class.getName());

  /** One room's reservation: every seq up to {@code reserved} may be given out. */
  static final class Reservation {
    long reserved;
    boolean reserving;
    /** The store did not reserve in time: numbering goes on past the reservation until it does. */
    boolean unreserved;
    long lastMessageAt;
    final ReserveAhead ahead = new ReserveAhead();
  }

  /** Keeps nothing: the cluster's history lives in memory only. */
  static final RoomKeeper NONE = new RoomKeeper(MessageStore.NONE, false, () -> 0);

  private final MessageStore store;
  private final boolean sync;
  private final IntSupplier memorySize;

  /**
   * @param sync a message is sent on only once committed ({@code store.durability} {@code sync})
   * @param memorySize messages of a room kept in memory ({@code chat.historySize})
   */
  RoomKeeper(MessageStore store, boolean sync, IntSupplier memorySize) {
    this.store = store;
    this.sync = sync;
    this.memorySize = memorySize;
  }

  boolean keeps() {
    return store.keeps();
  }

  /** Where the store says the room stands: its epoch, and the seq its next message takes. */
  Future<MessageStore.Room> open(String room) {
    return store.open(room, HistoryRules.newEpoch(), 0).timeout(WAIT_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * What a node that does not number the room knows of it from the store alone, when the cluster
   * does not know it (it was restarted as a whole): its epoch, where it stands, and its latest
   * messages ({@code chat.historySize}); {@link HistorySlice#EMPTY} when the store holds nothing of it.
   */
  Future<HistorySlice> peek(String room) {
    if (!keeps()) {
      return Future.succeededFuture(HistorySlice.EMPTY);
    }
    return store.peek(room).compose(stands -> stands == null || stands.next() == 1
        ? Future.succeededFuture(HistorySlice.EMPTY) : store.latest(room, stands, memorySize.getAsInt()));
  }

  /**
   * Before numbering {@code count} messages after {@code last}: reserves more seqs when those
   * reserved do not reach. Completes when the numbering may go on (reserved, or given up waiting).
   */
  Future<Void> ahead(String room, String epoch, long last, int count, Reservation reservation, long now) {
    reservation.lastMessageAt = now;
    if (!keeps()) {
      return Future.succeededFuture();
    }
    long upTo = last + count;
    if (upTo <= reservation.reserved || reservation.unreserved) {
      // enough (or the store is away): more asked for in the background when running low
      if (!reservation.reserving && (reservation.unreserved || reservation.ahead.low(upTo, reservation.reserved))) {
        reserve(room, epoch, upTo + reservation.ahead.ask(now), reservation);
      }
      return Future.succeededFuture();
    }
    return reserve(room, epoch, upTo + reservation.ahead.ask(now), reservation).timeout(WAIT_MS, TimeUnit.MILLISECONDS)
        .recover(e -> {
          reservation.unreserved = true;
          LOG.warning("room " + room + ": the store did not reserve seqs within " + WAIT_MS + " ms (" + e.getMessage()
              + "); messages are numbered past its reservation until it can be written");
          return Future.succeededFuture();
        });
  }

  private Future<Void> reserve(String room, String epoch, long upTo, Reservation reservation) {
    reservation.reserving = true;
    return store.reserve(room, epoch, upTo, true).andThen(reserved -> {
      reservation.reserving = false;
      if (reserved.succeeded()) {
        reservation.reserved = Math.max(reservation.reserved, upTo);
        if (reservation.unreserved) {
          reservation.unreserved = false;
          LOG.info("room " + room + ": seqs are reserved again");
        }
      }
    });
  }

  /** A room quiet for {@value #QUIET_MS} ms gives back the seqs it reserved and did not use. */
  void quiet(String room, String epoch, long last, Reservation reservation, long now) {
    if (keeps() && !reservation.reserving && reservation.reserved > last && now - reservation.lastMessageAt > QUIET_MS) {
      reservation.reserved = last;
      store.reserve(room, epoch, last, false);
    }
  }

  /** At a clean stop: gives back what the room reserved, completing once committed. */
  Future<Void> giveBack(String room, String epoch, long last, Reservation reservation) {
    if (!keeps() || reservation.reserved <= last) {
      return Future.succeededFuture();
    }
    reservation.reserved = last;
    return store.reserve(room, epoch, last, true);
  }

  /**
   * Keeps messages numbered from {@code firstSeq} (bodies without seq and epoch); completes when the
   * room may be sent them: at once, or once committed with {@code sync}.
   */
  Future<Void> keep(String room, String epoch, long firstSeq, List<Buffer> bodies) {
    if (!keeps()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> kept = new ArrayList<>(sync ? bodies.size() : 0);
    for (int i = 0; i < bodies.size(); i++) {
      StoredMessage message = stored(room, epoch, firstSeq + i, new JsonObject(bodies.get(i)));
      if (sync) {
        kept.add(store.keep(message));
      } else {
        store.keepLater(message);
      }
    }
    return Future.all(kept).mapEmpty();
  }

  /** Keeps what a room's shared log holds (its owner may have died before writing it); kept ones stay as they are. */
  void keepAll(String room, HistorySlice slice) {
    if (!keeps()) {
      return;
    }
    for (Buffer body : slice.bodies()) {
      JsonObject message = new JsonObject(body);
      store.keepLater(stored(room, slice.epoch(), message.getLong("seq"), message));
    }
  }

  private static StoredMessage stored(String room, String epoch, long seq, JsonObject body) {
    return new StoredMessage(room, epoch, seq, body.getString("id"), body.getString("from"), body.getString("text"),
        body.getLong("ts", 0L));
  }

  /** Writes what waits; the store is closed. */
  Future<Void> close() {
    return store.close();
  }
}
