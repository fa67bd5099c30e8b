package io.framechat.store;

import io.framechat.chat.ReadPositions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * People's read positions in the database. A position that moves is queued and written with the
 * others of the next {@code store.flushMillis} in one transaction (a room read by many people, or
 * read again at once, costs one row each, not one write per {@code read}). During an outage the
 * queue is kept (a later position of the same person and room replaces an earlier one) and written
 * again every second; past {@code store.maxPendingMessages} positions waiting, new ones are dropped
 * and counted. Reads merge what waits over what the database holds. The broadcast verticle's
 * context only.
 */
final class ReadMarks implements ReadPositions {

  private static final Logger LOG = Logger.getLogger(ReadMarks.class.getName());
  private static final long RETRY_MS = 1000;

  private final Vertx vertx;
  private final Database database;
  private final IntSupplier flushMillis;
  private final IntSupplier maxPending;
  private final IntConsumer failed;
  /** Positions waiting to be written, by subject then room. */
  private Map<String, Map<String, Database.ReadRow>> pending = new HashMap<>();
  private int waiting;
  private boolean scheduled;
  private boolean writing;
  private boolean down;

  /** @param failed told how many positions a write that failed held (an outage is counted, then tried again) */
  ReadMarks(Vertx vertx, Database database, IntSupplier flushMillis, IntSupplier maxPending, IntConsumer failed) {
    this.vertx = vertx;
    this.database = database;
    this.flushMillis = flushMillis;
    this.maxPending = maxPending;
    this.failed = failed;
  }

  @Override
  public Future<Map<String, Mark>> of(String subject) {
    return database.reads(subject, MAX_ROOMS_PER_PERSON).map(rows -> {
      Map<String, Mark> marks = new LinkedHashMap<>();
      rows.forEach(row -> marks.put(row.room(), new Mark(row.epoch(), row.seq())));
      pending.getOrDefault(subject, Map.of()).forEach((room, row) -> marks.put(room, new Mark(row.epoch(), row.seq())));
      return marks;
    });
  }

  @Override
  public void advance(String subject, String room, Mark mark) {
    if (mark.epoch() == null) {
      return;
    }
    Map<String, Database.ReadRow> rooms = pending.computeIfAbsent(subject, s -> new HashMap<>());
    if (!rooms.containsKey(room)) {
      if (waiting >= maxPending.getAsInt()) {
        failed.accept(1);
        return;
      }
      waiting++;
    }
    rooms.put(room, new Database.ReadRow(subject, room, mark.epoch(), mark.seq(), System.currentTimeMillis()));
    schedule(flushMillis.getAsInt());
  }

  /** How many positions wait to be written. */
  int waiting() {
    return waiting;
  }

  private void schedule(long delay) {
    if (!scheduled) {
      scheduled = true;
      vertx.setTimer(Math.max(1, delay), t -> {
        scheduled = false;
        write();
      });
    }
  }

  /** Writes what waits; completes when it is written (or failed, and kept to try again). */
  Future<Void> write() {
    if (writing || waiting == 0) {
      return Future.succeededFuture();
    }
    Map<String, Map<String, Database.ReadRow>> taken = pending;
    pending = new HashMap<>();
    waiting = 0;
    List<Database.ReadRow> rows = new ArrayList<>();
    taken.values().forEach(rooms -> rows.addAll(rooms.values()));
    writing = true;
    return database.markRead(rows).andThen(done -> {
      writing = false;
      if (done.succeeded()) {
        if (down) {
          down = false;
          LOG.info("read positions are written again");
        }
      } else {
        failed.accept(rows.size());
        if (!down) {
          down = true;
          LOG.warning("read positions could not be written (" + done.cause().getMessage() + "): kept, tried again"
              + " every second");
        }
        rows.forEach(row -> {
          Map<String, Database.ReadRow> rooms = pending.computeIfAbsent(row.subject(), s -> new HashMap<>());
          if (rooms.putIfAbsent(row.room(), row) == null) {
            waiting++;
          }
        });
      }
      if (waiting > 0) {
        schedule(down ? RETRY_MS : flushMillis.getAsInt());
      }
    }).recover(e -> Future.succeededFuture());
  }
}
