package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * Writes numbered messages and room marks in order, in groups: what comes within
 * {@code store.flushMillis} of the first item waiting goes in one transaction (a mark someone waits
 * for goes at once). One transaction at a time, so the database sees them in the order given.
 *
 * <p>When the database fails, the items wait and the write is tried again, a little later each
 * time; the outage is logged once when it begins and once when it ends. At most
 * {@code store.maxPendingMessages} messages wait: past it the oldest are dropped (their futures
 * fail) and counted. The broadcast verticle's event loop only.
 */
@SuppressWarnings("NonAtomicVolatileUpdate") // written on one event loop; volatile for /health and the meters
final class StoreWriter {

  private static final Logger LOG = Logger.getLogger(StoreWriter.class.getName());
  /** Items in one transaction at most. */
  static final int MAX_BATCH = 1000;
  private static final long RETRY_MIN_MS = 100;
  private static final long RETRY_MAX_MS = 5000;

  /** A message, or a room's mark, to write; and who waits for it. */
  private record Item(StoredMessage message, String room, Database.Mark mark, Promise<Void> done, long since) {
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
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
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

  Future<Void> message(StoredMessage message) {
    Promise<Void> done = Promise.promise();
    if (messagesWaiting >= maxPending.getAsInt()) {
      dropOldest();
    }
    add(new Item(message, null, null, done, System.currentTimeMillis()));
    messagesWaiting++;
    schedule(false);
    return done.future();
  }

  Future<Void> mark(String room, Database.Mark mark, boolean now) {
    Promise<Void> done = Promise.promise();
    add(new Item(null, room, mark, done, System.currentTimeMillis()));
    schedule(now);
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
    for (Item item : queue) {
      StoredMessage message = item.message();
      if (message != null && message.seq() >= from && message.seq() <= to && message.room().equals(room)
          && message.epoch().equals(epoch)) {
        found.add(message);
      }
    }
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
    if (queue.isEmpty() && !writing) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    add(new Item(null, null, null, done, System.currentTimeMillis()));
    schedule(true);
    return done.future();
  }

  private void add(Item item) {
    if (queue.isEmpty()) {
      oldestSince = item.since();
    }
    queue.add(item);
    itemsWaiting = queue.size();
  }

  /** After items left the head of the queue: how old the oldest one waiting is now. */
  private void headChanged() {
    itemsWaiting = queue.size();
    Item oldest = queue.peekFirst();
    oldestSince = oldest == null ? 0 : oldest.since();
  }

  private void dropOldest() {
    for (var it = queue.iterator(); it.hasNext(); ) {
      Item item = it.next();
      if (item.message() != null) {
        it.remove();
        messagesWaiting--;
        headChanged();
        counts.dropped(1);
        item.done().fail(new IllegalStateException("dropped: more than store.maxPendingMessages waited"));
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
    if (writing || queue.isEmpty()) {
      return;
    }
    writing = true;
    List<Item> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    List<StoredMessage> messages = new ArrayList<>();
    Map<String, Database.Mark> marks = new LinkedHashMap<>();
    for (Item item : queue) {
      if (batch.size() >= MAX_BATCH) {
        break;
      }
      batch.add(item);
      if (item.message() != null) {
        messages.add(item.message());
      } else if (item.mark() != null) {
        marks.put(item.room(), item.mark());
      }
    }
    database.write(messages, marks).onComplete(written -> {
      writing = false;
      if (written.succeeded()) {
        for (int i = 0; i < batch.size(); i++) {
          queue.pollFirst();
        }
        messagesWaiting -= messages.size();
        headChanged();
        counts.written(messages.size());
        recovered();
        batch.forEach(item -> item.done().tryComplete());
        if (!queue.isEmpty()) {
          schedule(queue.size() >= MAX_BATCH || urgent());
        }
      } else {
        failed(written.cause());
      }
    });
  }

  /** Whether something waiting is waited for (a mark asked for now, a drain). */
  private boolean urgent() {
    for (Item item : queue) {
      if (item.message() == null) {
        return true;
      }
    }
    return false;
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
