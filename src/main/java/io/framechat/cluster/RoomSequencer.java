package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.chat.Sequencer;
import io.framechat.protocol.Stamps;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Numbers the messages of the rooms whose history this node owns. Per room, one append to the
 * shared history is in flight at a time; messages arriving meanwhile go in the next one (up to
 * {@link SharedHistory#MAX_APPEND}; the rest in the ones after), so a busy room costs one append per
 * round trip, and seqs follow the order messages arrived in. Once stored,
 * messages are stamped with their seq and the room's epoch and handed to a {@link Sink}.
 *
 * <p>Taking up a room (the first message, or after its previous sequencer died), it first sends on
 * what the shared history holds, so that a message stored by a node that died before passing it on
 * still reaches everyone, in order; nodes drop what they already have. It also remembers the ids
 * of the room's recent messages (those its log holds when it is taken up, and those stored since),
 * so that one sent again to a new owner, or by a node of an earlier release, is not stored twice (a
 * message sent again to the same owner is known by the request it was first asked in:
 * {@link SequenceDesk}).
 *
 * <p>With a store ({@link RoomKeeper}), it keeps what it numbers, reserves seqs ahead, and takes up a
 * room the cluster no longer knows from where the store says it stands. Runs on the broadcast
 * verticle's event loop.
 */
final class RoomSequencer {

  /** A message to number: its id (unique in the cluster) and its body without seq and epoch. */
  record Pending(String id, Buffer body) {
  }

  /** Where stamped messages go: this node's members and history, and every other node. */
  interface Sink {
    void stamped(String room, String epoch, long firstSeq, List<Buffer> bodies);
  }

  private static final Logger LOG = Logger.getLogger(RoomSequencer.class.getName());
  private static final int REMEMBERED_ROOMS = 10_000;

  private final SharedHistory shared;
  private final RoomKeeper keeper;
  private final Sink sink;
  private final IntSupplier maxPending;
  private final IntConsumer unstored;
  /** The rooms sequenced lately; idle ones beyond {@link #REMEMBERED_ROOMS} are forgotten (taken up again). */
  private final Map<String, RoomQueue> rooms = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RoomQueue> eldest) {
      return size() > REMEMBERED_ROOMS && !eldest.getValue().appending && eldest.getValue().pending.isEmpty();
    }
  };

  /**
   * @param keeper what is kept in the store, if any
   * @param maxPending messages of one room that may wait for its next append ({@code cluster.maxPendingMessages})
   * @param unstored counts the messages of appends that failed
   */
  RoomSequencer(SharedHistory shared, RoomKeeper keeper, Sink sink, IntSupplier maxPending, IntConsumer unstored) {
    this.unstored = unstored;
    this.shared = shared;
    this.keeper = keeper;
    this.sink = sink;
    this.maxPending = maxPending;
  }

  /**
   * Sequences {@code messages} (in order); each future completes with the message's seq once it is
   * stored and stamped (-1 for a message stored before, sent again). One that would make more than
   * {@code cluster.maxPendingMessages} wait for the room fails at once with {@link Sequencer.Busy}.
   */
  List<Future<Long>> append(String room, List<Pending> messages) {
    RoomQueue queue = rooms.computeIfAbsent(room, r -> new RoomQueue());
    List<Future<Long>> seqs = new ArrayList<>(messages.size());
    for (Pending message : messages) {
      if (queue.pending.size() >= maxPending.getAsInt()) {
        seqs.add(Future.failedFuture(new Sequencer.Busy(queue.pending.size() + " messages of room " + room
            + " wait to be stored")));
        continue;
      }
      Promise<Long> done = Promise.promise();
      queue.pending.add(message);
      queue.done.add(done);
      seqs.add(done.future());
    }
    drive(room, queue);
    return seqs;
  }

  /**
   * Makes every room be taken up again before its next message: after a node left, this node may
   * have become the owner of rooms it sequenced before, and must not go on from what it knew then.
   */
  void retakeAll() {
    rooms.values().forEach(queue -> queue.ready = false);
  }

  /**
   * Drops the shared history of an idle room that is all expired, unless messages for it are on
   * their way; messages arriving meanwhile wait, then take the room up afresh (a new epoch).
   */
  void drop(String room) {
    RoomQueue queue = rooms.computeIfAbsent(room, r -> new RoomQueue());
    if (queue.appending || !queue.pending.isEmpty()) {
      return;
    }
    queue.appending = true;
    shared.drop(room).onComplete(dropped -> {
      queue.appending = false;
      queue.ready = false;
      if (queue.pending.isEmpty()) {
        rooms.remove(room, queue);
      } else {
        drive(room, queue);
      }
    });
  }

  /** Called now and then: rooms gone quiet give back the seqs reserved for them. */
  void tick(long now) {
    rooms.forEach((room, queue) -> {
      if (queue.ready && !queue.appending && queue.pending.isEmpty()) {
        keeper.quiet(room, queue.epoch, queue.lastSeq, queue.reservation, now);
      }
    });
  }

  /** At a clean stop: every room gives back the seqs it reserved; completes once the store has them. */
  Future<Void> close() {
    List<Future<Void>> given = new ArrayList<>();
    rooms.forEach((room, queue) -> {
      if (queue.ready) {
        given.add(keeper.giveBack(room, queue.epoch, queue.lastSeq, queue.reservation));
      }
    });
    return Future.join(given).transform(done -> keeper.close());
  }

  private void drive(String room, RoomQueue queue) {
    if (queue.appending || queue.pending.isEmpty()) {
      return;
    }
    queue.appending = true;
    RoomQueue.Next next = queue.takeNext(SharedHistory.MAX_APPEND);
    List<Pending> messages = next.messages();
    List<Promise<Long>> done = next.done();
    // each message's place among the bodies stored, or -1 for one stored before
    int[] places = new int[messages.size()];
    Future<Void> ready = queue.ready ? Future.succeededFuture() : takeUp(room, queue);
    ready.compose(v -> {
      List<Buffer> bodies = new ArrayList<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        Pending message = messages.get(i);
        places[i] = -1;
        if (!queue.recentIds.contains(message.id())) {
          queue.remember(message.id());
          places[i] = bodies.size();
          bodies.add(message.body());
        }
      }
      return bodies.isEmpty() ? Future.succeededFuture(0L) : store(room, queue, bodies);
    }).onComplete(stored -> {
      queue.appending = false;
      if (stored.succeeded()) {
        for (int i = 0; i < done.size(); i++) {
          done.get(i).complete(places[i] < 0 ? -1 : stored.result() + places[i]);
        }
        int failed = queue.stored();
        if (failed > 0) {
          LOG.info("room " + room + " stores again, after " + failed + " appends that failed");
        }
      } else {
        unstored.accept(messages.size());
        if (queue.failed(messages, places)) {
          LOG.log(Level.WARNING, "messages for room " + room + " could not be stored (until it stores again, its"
              + " next failures are logged in detail only)", stored.cause());
        } else {
          LOG.fine(() -> "messages for room " + room + " could not be stored again: " + stored.cause());
        }
        done.forEach(promise -> promise.fail(stored.cause()));
      }
      drive(room, queue);
    });
  }

  /**
   * Reads the room's shared history and epoch, and sends on what it holds (and keeps it, should its
   * last owner have died before writing it). A room the cluster no longer knows goes on from the
   * store, when there is one: the whole cluster stopped, or the room was idle.
   */
  private Future<Void> takeUp(String room, RoomQueue queue) {
    return shared.read(room).compose(log -> {
      HistorySlice slice = log.slice();
      queue.reservation.reserved = 0; // not known here: reserved again before the next number
      if (slice.epoch() != null) {
        queue.epoch = slice.epoch();
        queue.base = log.base();
        queue.lastSeq = slice.lastSeq();
        queue.ready = true;
        resend(room, slice, queue);
        keeper.keepAll(room, slice);
        return Future.succeededFuture();
      }
      Future<SharedHistory.Stream> stream = keeper.keeps() ? fromStore(room, log, queue)
          : shared.epoch(room, false).andThen(fresh -> queue.lastSeq = slice.lastSeq());
      return stream.map(s -> {
        queue.epoch = s.epoch();
        queue.base = s.base();
        queue.ready = true;
        return null;
      });
    });
  }

  /** Starts the room's log where the store says the room stands (or afresh, when the store does not answer). */
  private Future<SharedHistory.Stream> fromStore(String room, SharedHistory.Log log, RoomQueue queue) {
    return keeper.open(room).compose(opened -> {
      // the log's next position takes the store's next seq
      SharedHistory.Stream stream = new SharedHistory.Stream(opened.epoch(), opened.next() - 1 - (log.tail() + 1));
      queue.lastSeq = opened.next() - 1;
      queue.reservation.reserved = opened.reserved();
      return shared.start(room, stream).map(stream);
    }, failed -> {
      LOG.warning("room " + room + " could not be read from the store (" + failed.getMessage()
          + "): it starts afresh in the cluster");
      queue.lastSeq = log.slice().lastSeq();
      return shared.epoch(room, false);
    });
  }

  private void resend(String room, HistorySlice slice, RoomQueue queue) {
    if (slice.bodies().isEmpty()) {
      return;
    }
    for (Buffer body : slice.bodies()) {
      String id = new JsonObject(body).getString("id");
      if (id != null) {
        queue.remember(id);
      }
    }
    sink.stamped(room, slice.epoch(), slice.firstSeq(), slice.bodies());
  }

  /** Stores and stamps the bodies (and keeps them, when there is a store); the result is the first one's seq. */
  private Future<Long> store(String room, RoomQueue queue, List<Buffer> bodies) {
    return keeper.ahead(room, queue.epoch, queue.lastSeq, bodies.size(), queue.reservation, System.currentTimeMillis())
        .compose(reserved -> shared.append(room, bodies))
        .compose(last -> {
          long firstPosition = last - bodies.size() + 1;
          long first = HistoryRules.seqOf(queue.base, firstPosition);
          if (first > queue.lastSeq) {
            return Future.succeededFuture(first);
          }
          if (keeper.keeps()) {
            // the room's log was lost, not what the store holds: the log is rebased, the seqs go on
            SharedHistory.Stream rebased = new SharedHistory.Stream(queue.epoch, queue.lastSeq - firstPosition);
            return shared.start(room, rebased).map(v -> {
              queue.base = rebased.base();
              return queue.lastSeq + 1;
            });
          }
          // the room's history was lost (seqs went back): a new epoch says so to clients
          return shared.epoch(room, true).map(stream -> {
            queue.epoch = stream.epoch();
            queue.base = stream.base();
            return HistoryRules.seqOf(queue.base, firstPosition);
          });
        }).compose(first -> {
          queue.lastSeq = first + bodies.size() - 1;
          return keeper.keep(room, queue.epoch, first, bodies).map(first);
        }).map(first -> {
          List<Buffer> stamped = new ArrayList<>(bodies.size());
          for (int i = 0; i < bodies.size(); i++) {
            stamped.add(Stamps.sequenced(bodies.get(i), first + i, queue.epoch));
          }
          sink.stamped(room, queue.epoch, first, stamped);
          return first;
        });
  }
}
