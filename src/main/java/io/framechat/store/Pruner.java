package io.framechat.store;

import io.framechat.chat.ReadPositions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps the store within {@code store.retentionMessages} per room and {@code store.retentionDays}:
 * every few seconds it looks at a few rooms, in name order, and deletes each one's oldest messages
 * past the limits, {@value #BATCH} a transaction (at most {@value #BATCHES_A_ROOM} of them a room
 * each time), so pruning never holds the database for long.
 *
 * <p>Once a minute it also counts the messages of all rooms together; past {@code store.maxMessages}
 * it deletes the store's oldest, whatever their room, {@value #BATCH} a transaction, until the store
 * is back within it. Between counts the store may grow past the bound by what a minute brings.
 * Servers sharing a database take turns at this ({@link Database#alone}): one that finds another at
 * it skips its count.
 *
 * <p>Each round it also looks at the read positions of {@value #PEOPLE_A_ROUND} people, in order,
 * and cuts those of anyone who moved theirs in more rooms than are loaded.
 *
 * <p>Last, it forgets the rooms that hold no message any more and have not been written for
 * {@value #FORGET_AFTER_MS} ms (their rows, {@value #BATCH} a transaction): a room's row outlives its
 * messages, and rooms made one after another would otherwise fill the disk with rows.
 */
final class Pruner {

  private static final Logger LOG = Logger.getLogger(Pruner.class.getName());
  static final int BATCH = 1000;
  private static final int ROOMS_A_ROUND = 20;
  /** Batches of one room at its turn at most (20,000 messages: with 20 rooms or fewer, 4,000 a second each). */
  private static final int BATCHES_A_ROOM = 20;
  private static final long EVERY_MS = 5000;
  private static final long COUNT_EVERY_MS = 60_000;
  static final long FORGET_AFTER_MS = 3_600_000;
  /** People whose read positions are looked at each round. */
  private static final int PEOPLE_A_ROUND = 200;

  /** What the pruner is held to: {@code store.retentionMessages}, {@code store.retentionDays}, {@code store.maxMessages}. */
  record Limits(IntSupplier keep, IntSupplier days, IntSupplier maxMessages) {
  }

  private final Vertx vertx;
  private final Database database;
  private final Limits limits;
  private final IntConsumer pruned;
  private final IntConsumer forgotten;
  private long timer = -1;
  /** Stopped with the store: a round still running when the database closed fails quietly. */
  private boolean stopped;
  private boolean running;
  /** Where the next round starts (null: at the first room). */
  private String after;
  /** Whose read positions the next round looks at first: the people after this one (null: from the first). */
  private String readersAfter;
  /** The last round failed (logged once until one succeeds). */
  private boolean failing;
  /** When the store's messages were last counted (0: not yet). */
  private long countedAt;
  /** The messages of all rooms, as last counted less what was pruned since (-1: not counted yet). */
  private final AtomicLong held = new AtomicLong(-1);
  /** The last count was past {@code store.maxMessages} (said once until it is not). */
  private boolean over;

  /**
   * @param pruned told how many messages each transaction deleted
   * @param forgotten told how many rooms each transaction forgot
   */
  Pruner(Vertx vertx, Database database, Limits limits, IntConsumer pruned, IntConsumer forgotten) {
    this.vertx = vertx;
    this.database = database;
    this.limits = limits;
    this.pruned = pruned;
    this.forgotten = forgotten;
  }

  /** The messages of all rooms as last counted, less what was pruned since; -1 before the first count. */
  long held() {
    return held.get();
  }

  Pruner start() {
    timer = vertx.setPeriodic(EVERY_MS, t -> round());
    return this;
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * One round now (the timer's work): the next rooms, the store as a whole when a count is due, the
   * next people's read positions, then the rooms to forget.
   */
  Future<Void> round() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    int days = limits.days().getAsInt();
    long olderThan = days == 0 ? 0 : System.currentTimeMillis() - TimeUnit.DAYS.toMillis(days);
    return database.rooms(after, ROOMS_A_ROUND).compose(rooms -> {
      after = rooms.size() < ROOMS_A_ROUND ? null : rooms.get(rooms.size() - 1)[0];
      return prune(rooms, 0, olderThan);
    }).compose(v -> wholeStore())
        .compose(v -> trimReads())
        .compose(v -> forget(System.currentTimeMillis() - FORGET_AFTER_MS))
        .andThen(done -> {
          running = false;
          if (done.failed() && !failing && !stopped) {
            LOG.warning("pruning the store failed (tried again every " + EVERY_MS + " ms): " + done.cause().getMessage());
          }
          failing = done.failed();
        });
  }

  private Future<Void> prune(List<String[]> rooms, int index, long olderThan) {
    if (index >= rooms.size()) {
      return Future.succeededFuture();
    }
    String[] room = rooms.get(index);
    return whileFull(() -> database.prune(room[0], room[1], limits.keep().getAsInt(), olderThan, BATCH), this::pruned,
        BATCHES_A_ROOM).compose(v -> prune(rooms, index + 1, olderThan));
  }

  /**
   * Runs {@code batch} again while it comes back full ({@value #BATCH}), {@code times} at most, each
   * result handed to {@code done}.
   */
  private static Future<Void> whileFull(Supplier<Future<Integer>> batch, IntConsumer done, int times) {
    return batch.get().compose(count -> {
      done.accept(count);
      return count == BATCH && times > 1 ? whileFull(batch, done, times - 1) : Future.succeededFuture();
    });
  }

  /**
   * When due, counts the store's messages and prunes its oldest past {@code store.maxMessages}; when
   * another server sharing the database is at it, tries again next round.
   */
  private Future<Void> wholeStore() {
    long now = System.currentTimeMillis();
    if (countedAt != 0 && now - countedAt < COUNT_EVERY_MS) {
      return Future.succeededFuture();
    }
    countedAt = now;
    return database.alone(this::count).map(ran -> {
      if (!ran) {
        countedAt = 0;
      }
      return null;
    });
  }

  /** Counts the store's messages, and prunes its oldest past {@code store.maxMessages}. */
  private Future<Void> count() {
    return database.count().compose(count -> {
      held.set(count);
      int max = limits.maxMessages().getAsInt();
      boolean past = max > 0 && count > max;
      if (past && !over) {
        LOG.info("the store holds " + count + " messages, more than store.maxMessages (" + max
            + "): its oldest are pruned, whatever their room");
      }
      over = past;
      return past ? pruneOldest(count - max) : Future.succeededFuture();
    });
  }

  /**
   * Looks at the next people, in order, and cuts the read positions of those who moved theirs in
   * more than {@link ReadPositions#MAX_ROOMS_PER_PERSON} rooms to their latest (the others are never
   * loaded).
   */
  private Future<Void> trimReads() {
    return database.trimReads(readersAfter, ReadPositions.MAX_ROOMS_PER_PERSON, PEOPLE_A_ROUND).map(trimmed -> {
      readersAfter = trimmed.last();
      if (trimmed.deleted() > 0) {
        LOG.info(trimmed.deleted() + " read positions were deleted: past the latest "
            + ReadPositions.MAX_ROOMS_PER_PERSON + " rooms of a person");
      }
      return null;
    });
  }

  /** Forgets idle rooms with no message left, a batch at a time while batches come back full. */
  private Future<Void> forget(long idleSince) {
    return whileFull(() -> database.forgetRooms(idleSince, BATCH), rooms -> {
      if (rooms > 0) {
        forgotten.accept(rooms);
      }
    }, BATCHES_A_ROOM);
  }

  /** Counts what a batch deleted, and takes it from what the store holds (once counted). */
  private void pruned(int deleted) {
    if (deleted > 0) {
      pruned.accept(deleted);
      held.getAndUpdate(messages -> messages < 0 ? messages : Math.max(0, messages - deleted));
    }
  }

  private Future<Void> pruneOldest(long owed) {
    return database.pruneOldest((int) Math.min(owed, BATCH)).compose(deleted -> {
      pruned(deleted);
      return deleted > 0 && owed > deleted ? pruneOldest(owed - deleted) : Future.succeededFuture();
    });
  }
}
