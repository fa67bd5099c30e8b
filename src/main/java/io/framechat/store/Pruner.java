package io.framechat.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Keeps the store within {@code store.retentionMessages} per room and {@code store.retentionDays}:
 * every few seconds it looks at a few rooms, in name order, and deletes at most {@value #BATCH} of
 * each one's oldest messages past the limits, so pruning never holds the database for long.
 */
final class Pruner {

  private static final Logger LOG = Logger.getLogger(Pruner.class.getName());
  static final int BATCH = 1000;
  private static final int ROOMS_A_ROUND = 20;
  private static final long EVERY_MS = 5000;

  private final Vertx vertx;
  private final Database database;
  private final IntSupplier keep;
  private final IntSupplier days;
  private final IntConsumer pruned;
  private long timer = -1;
  private boolean running;
  /** Where the next round starts (null: at the first room). */
  private String after;
  /** The last round failed (logged once until one succeeds). */
  private boolean failing;

  Pruner(Vertx vertx, Database database, IntSupplier keep, IntSupplier days, IntConsumer pruned) {
    this.vertx = vertx;
    this.database = database;
    this.keep = keep;
    this.days = days;
    this.pruned = pruned;
  }

  Pruner start() {
    timer = vertx.setPeriodic(EVERY_MS, t -> round());
    return this;
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void round() {
    if (running) {
      return;
    }
    running = true;
    long olderThan = days.getAsInt() == 0 ? 0 : System.currentTimeMillis() - TimeUnit.DAYS.toMillis(days.getAsInt());
    database.rooms(after, ROOMS_A_ROUND).compose(rooms -> {
      after = rooms.size() < ROOMS_A_ROUND ? null : rooms.get(rooms.size() - 1)[0];
      return prune(rooms, 0, olderThan);
    }).onComplete(done -> {
      running = false;
      if (done.failed() && !failing) {
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
    return database.prune(room[0], room[1], keep.getAsInt(), olderThan, BATCH).compose(deleted -> {
      if (deleted > 0) {
        pruned.accept(deleted);
      }
      return prune(rooms, index + 1, olderThan);
    });
  }
}
