package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Writes numbered messages in order, in groups: what comes within {@code store.flushMillis} of the
 * first message waiting goes in one transaction, at most {@value #MAX_BATCH} messages. Room marks
 * (seqs reserved ahead, or given back) go in the next transaction at once, ahead of the messages
 * still waiting: a reservation is what numbering waits for, and written ahead of messages it is
 * still true (a crash finds seqs reserved and not written, and records them as lost). One
 * transaction at a time, so the database sees each kind in the order given.
 *
 * <p>When the database fails, the items wait and the write is tried again, a little later each
 * time; the outage is logged once when it begins and once when it ends. At most
 * {@code store.maxPendingMessages} messages wait: past it the oldest are dropped (the futures of
 * those waited for fail) and counted. Messages wait packed, {@value #MAX_BATCH} to a {@link RowBlock}
 * (a few bytes in one array, and the promises of those waited for), one block a transaction; a block
 * written is emptied and filled again. The broadcast verticle's event loop only.
 */
@SuppressWarnings("NonAtomicVolatileUpdate") // written on one event loop; volatile for /health and the meters
final class StoreWriter {

  private static final Logger LOG = Logger.getLogger(StoreWriter.class.getName());
  /** Messages in one transaction at most. */
  static final int MAX_BATCH = 1000;
  private static final long RETRY_MIN_MS = 100;
  private static final long RETRY_MAX_MS = 5000;

  /** A block's bytes to begin with (it grows as rows come). */
  private static final int BLOCK_BYTES = 16 * 1024;

  /** A room's mark to write; and who waits for it. */
  private record Item(String room, Database.Mark mark, Promise<Void> done, long since) {
  }

  /** What happened to the writes, for the meters. */
  interface Counts {
    void written(int messages);

    void dropped(int messages);
  }

  private final Vertx vertx;
  private final Database database;
  private final IntSupplier flushMillis;
  private final IntSupplier maxPending;
  private final Counts counts;
  /** The messages waiting, oldest first; the first is the one being written, if any. */
  private final ArrayDeque<RowBlock> blocks = new ArrayDeque<>();
  /** Blocks written, to be filled again (a few: the one being written and the one filling turn about). */
  private final SpareRowBlocks spares = new SpareRowBlocks(4, MAX_BATCH, BLOCK_BYTES);
  private final ArrayDeque<Item> marks = new ArrayDeque<>();
  /** Who waits for everything queued to be written ({@link #drain}). */
  private final List<Promise<Void>> drains = new ArrayList<>();
  // what /health and the meters read, from other threads
  private volatile int messagesWaiting;
  private volatile long oldestSince;
  /** Messages and marks waiting, or being written. */
  private volatile int itemsWaiting;
  private boolean writing;
  private long timer = -1;
  /** A write failed: the next try is due after {@link #backoffMs}. */
  private boolean retryPending;
  private long backoffMs;
  private volatile long downSince;
  private volatile String lastFailure;

  StoreWriter(Vertx vertx, Database database, IntSupplier flushMillis, IntSupplier maxPending, Counts counts) {
    this.vertx = vertx;
    this.database = database;
    this.flushMillis = flushMillis;
    this.maxPending = maxPending;
    this.counts = counts;
  }

  /**
   * Queues a message; with {@code confirm} the future completes once it is committed (fails if it is
   * dropped); without, nobody waits for it and null is returned.
   */
  Future<Void> message(StoredMessage message, boolean confirm) {
    if (messagesWaiting >= maxPending.getAsInt()) {
      dropOldest();
    }
    RowBlock tail = blocks.peekLast();
    if (tail == null || !tail.open()) {
      tail = spares.take();
      blocks.add(tail);
    }
    tail.add(message, System.currentTimeMillis());
    Promise<Void> done = confirm ? Promise.promise() : RowBlock.NO_ONE;
    tail.promise(done);
    messagesWaiting++;
    changed();
    schedule(!tail.open());
    return confirm ? done.future() : null;
  }

  /** A room's mark: written at once, ahead of the messages waiting. */
  Future<Void> mark(String room, Database.Mark mark) {
    Promise<Void> done = Promise.promise();
    marks.add(new Item(room, mark, done, System.currentTimeMillis()));
    changed();
    schedule(true);
    return done.future();
  }

  /** Messages waiting to be written. */
  int waiting() {
    return messagesWaiting;
  }

  /**
   * The messages of a room under an epoch with seqs from {@code from} to {@code to} that wait to be
   * written (or are being written), oldest first: a read adds them to what the database gives, since
   * a message leaves the queue only once committed.
   */
  List<StoredMessage> waiting(String room, String epoch, long from, long to) {
    List<StoredMessage> found = new ArrayList<>();
    if (messagesWaiting == 0) {
      return found;
    }
    blocks.forEach(block -> block.find(room, epoch, from, to, found));
    found.sort(java.util.Comparator.comparingLong(StoredMessage::seq));
    return found;
  }

  /** Whether the last write succeeded (or none failed yet). */
  boolean up() {
    return downSince == 0;
  }

  /** {@code /health}'s view, from any thread: up or not, what waits, and for how long the oldest has. */
  JsonObject status() {
    long oldest = oldestSince;
    JsonObject status = new JsonObject().put("up", up()).put("pending", messagesWaiting).put("waiting", itemsWaiting)
        .put("lagMillis", oldest == 0 ? 0 : System.currentTimeMillis() - oldest);
    if (!up()) {
      status.put("error", lastFailure).put("downMillis", System.currentTimeMillis() - downSince);
    }
    return status;
  }

  /** Writes everything waiting now; completes once nothing waits (or fails while the database is down). */
  Future<Void> drain() {
    if (blocks.isEmpty() && marks.isEmpty() && !writing) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    drains.add(done);
    schedule(true);
    return done.future();
  }

  /** After items came or left: what waits, and for how long the oldest has. */
  private void changed() {
    itemsWaiting = messagesWaiting + marks.size();
    RowBlock oldestBlock = blocks.peekFirst();
    Item oldestMark = marks.peekFirst();
    long oldest = oldestBlock == null ? 0 : oldestBlock.oldestSince();
    if (oldestMark != null && (oldest == 0 || oldestMark.since() < oldest)) {
      oldest = oldestMark.since();
    }
    oldestSince = oldest;
  }

  /** Drops the oldest message not being written. */
  private void dropOldest() {
    for (Iterator<RowBlock> each = blocks.iterator(); each.hasNext();) {
      RowBlock block = each.next();
      if (!block.sealed() && block.size() > 0) {
        Promise<Void> done = block.pollPromise();
        block.dropOldest();
        if (block.size() == 0) {
          each.remove();
        }
        messagesWaiting--;
        changed();
        counts.dropped(1);
        done.tryFail(new IllegalStateException("dropped: more than store.maxPendingMessages waited"));
        return;
      }
    }
  }

  private void schedule(boolean now) {
    if (writing || retryPending) {
      return;
    }
    if (now) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      vertx.runOnContext(v -> write());
    } else if (timer < 0) {
      timer = vertx.setTimer(flushMillis.getAsInt(), t -> {
        timer = -1;
        write();
      });
    }
  }

  private void write() {
    if (writing) {
      return;
    }
    RowBlock block = blocks.peekFirst();
    if (block == null && marks.isEmpty()) {
      drains.forEach(Promise::tryComplete);
      drains.clear();
      return;
    }
    writing = true;
    int markCount = marks.size();
    Map<String, Database.Mark> roomMarks = new LinkedHashMap<>();
    marks.forEach(item -> roomMarks.put(item.room(), item.mark()));
    List<StoredMessage> batch = List.of();
    if (block != null) {
      // read on the database's thread: the block takes no more rows, and none is dropped, until it is done
      block.seal();
      batch = block.rows();
    }
    database.write(batch, roomMarks).onComplete(written -> {
      writing = false;
      if (written.succeeded()) {
        List<Promise<Void>> done = new ArrayList<>(markCount);
        for (int i = 0; i < markCount; i++) {
          done.add(marks.pollFirst().done());
        }
        int rows = 0;
        if (block != null) {
          blocks.pollFirst();
          rows = block.size();
          messagesWaiting -= rows;
          block.pollPromises(done);
          spares.give(block);
        }
        changed();
        counts.written(rows);
        recovered();
        done.forEach(Promise::tryComplete);
        RowBlock next = blocks.peekFirst();
        if (!marks.isEmpty() || (next != null && !next.open()) || !drains.isEmpty()) {
          schedule(true);
        } else if (next != null) {
          schedule(false);
        }
      } else {
        if (block != null) {
          block.unseal();
        }
        failed(written.cause());
      }
    });
  }

  private void failed(Throwable cause) {
    lastFailure = String.valueOf(cause.getMessage());
    if (downSince == 0) {
      downSince = System.currentTimeMillis();
      LOG.warning("the store (" + database.kind() + ") cannot be written: " + lastFailure + "; " + messagesWaiting
          + " messages wait, and the write is tried again until it succeeds");
    }
    backoffMs = backoffMs == 0 ? RETRY_MIN_MS : Math.min(RETRY_MAX_MS, backoffMs * 2);
    retryPending = true;
    vertx.setTimer(backoffMs, t -> {
      retryPending = false;
      write();
    });
  }

  private void recovered() {
    if (downSince != 0) {
      LOG.info("the store (" + database.kind() + ") can be written again after "
          + (System.currentTimeMillis() - downSince) + " ms; " + messagesWaiting + " messages still wait");
      downSince = 0;
    }
    backoffMs = 0;
  }
}
