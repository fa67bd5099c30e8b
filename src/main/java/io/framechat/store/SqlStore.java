package io.framechat.store;

import io.framechat.chat.MessageStore;
import io.framechat.chat.ReadPositions;
import io.framechat.chat.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@link MessageStore} over a database: writes go through the {@link StoreWriter} (in order, in
 * groups), reads straight to the database. Taking a room up finds where it stands: past every seq
 * reserved before, and if the last run reserved seqs it never wrote (it was killed), those are
 * recorded as lost, so a resume across them is told it was not recovered.
 */
@SuppressWarnings("NonAtomicVolatileUpdate") // roomsAhead is written on the broadcast verticle's loop only
final class SqlStore implements MessageStore {

  private static final Logger LOG = Logger.getLogger(SqlStore.class.getName());

  private final Database database;
  private final StoreWriter writer;
  private final Pruner pruner;
  private final ReadMarks reads;
  /** Per room: the last seq handed to the store and its latest reservation (the broadcast verticle's loop only). */
  private final Map<String, long[]> marks = new HashMap<>();
  /** Rooms with seqs reserved past their last message, for {@code /health}. */
  private volatile int roomsAhead;

  SqlStore(Database database, StoreWriter writer, Pruner pruner, ReadMarks reads) {
    this.reads = reads;
    this.database = database;
    this.writer = writer;
    this.pruner = pruner;
  }

  /** The database itself (for the pruner's tests). */
  Database database() {
    return database;
  }

  @Override
  public boolean keeps() {
    return true;
  }

  @Override
  public Future<Room> open(String room, String newEpoch, long ahead) {
    return database.room(room).compose(row -> {
      if (row == null) {
        // a room only looked at leaves nothing behind: its row comes with its first reservation
        return ahead == 0 ? Future.succeededFuture(new Room(newEpoch, 1, 0))
            : writer.mark(room, new Database.Mark(newEpoch, ahead)).map(new Room(newEpoch, 1, ahead));
      }
      long next = row.lastSeq() + 1;
      Future<Void> lost = Future.succeededFuture();
      if (row.reserved() > row.lastSeq()) {
        // the last run may have given these out and not written them (it did not stop cleanly), or
        // every message of the room was pruned
        LOG.info("room " + room + ": seqs " + next + " to " + row.reserved() + " were reserved and are not kept"
            + " (the last run did not stop cleanly, or they were pruned): they are recorded as lost, and the room"
            + " goes on at " + (row.reserved() + 1));
        lost = database.lost(room, row.epoch(), next, row.reserved());
        next = row.reserved() + 1;
      }
      long start = next;
      long reserved = next - 1 + ahead;
      return lost.compose(v -> writer.mark(room, new Database.Mark(row.epoch(), reserved)))
          .map(new Room(row.epoch(), start, reserved));
    });
  }

  @Override
  public Future<Room> peek(String room) {
    return database.room(room).map(row -> {
      if (row == null) {
        return null;
      }
      long stands = Math.max(row.lastSeq(), row.reserved());
      return new Room(row.epoch(), stands + 1, row.reserved());
    });
  }

  @Override
  public Future<Void> reserve(String room, String epoch, long upTo, boolean now) {
    track(room, -1, upTo);
    return writer.mark(room, new Database.Mark(epoch, upTo));
  }

  @Override
  public Future<Void> keep(StoredMessage message) {
    track(message.room(), message.seq(), -1);
    return writer.message(message, true);
  }

  @Override
  public void keepLater(StoredMessage message) {
    track(message.room(), message.seq(), -1);
    writer.message(message, false);
  }

  /** Follows each room's last message and reservation, to count the rooms reserved ahead. */
  private void track(String room, long seq, long reserved) {
    long[] mark = marks.computeIfAbsent(room, r -> new long[2]);
    boolean wasAhead = mark[1] > mark[0];
    if (seq >= 0) {
      mark[0] = seq;
    }
    if (reserved >= 0) {
      mark[1] = reserved;
    }
    boolean ahead = mark[1] > mark[0];
    if (ahead != wasAhead) {
      roomsAhead += ahead ? 1 : -1;
    }
    if (!ahead) {
      marks.remove(room);
    }
  }

  @Override
  public Future<Page> after(String room, String epoch, long after, long until, int limit) {
    List<StoredMessage> queued = writer.waiting(room, epoch, after + 1, until);
    return database.after(room, epoch, after, until, limit).compose(read -> {
      List<StoredMessage> merged = merge(read, queued);
      List<StoredMessage> found = merged.size() > limit ? merged.subList(0, limit) : merged;
      long last = found.isEmpty() ? after : found.get(found.size() - 1).seq();
      // every seq from after + 1 on, up to until unless the page is full
      boolean contiguous = contiguous(found, after + 1) && (found.size() >= limit || last >= until);
      boolean more = found.size() >= limit && last < until;
      // lost seqs count up to where the page ends: its last message, or, when nothing more came, until
      long end = more ? last : Math.max(after + 1, until);
      return database.anyLost(room, epoch, after + 1, end)
          .map(lost -> new Page(found, contiguous && !lost && !more, more));
    });
  }

  @Override
  public Future<Page> before(String room, String epoch, long before, int limit) {
    List<StoredMessage> queued = writer.waiting(room, epoch, 1, before - 1);
    return database.room(room).compose(row -> database.before(room, epoch, before, limit).compose(read -> {
      List<StoredMessage> merged = merge(read, queued);
      List<StoredMessage> found = merged.size() > limit ? merged.subList(merged.size() - limit, merged.size()) : merged;
      if (found.isEmpty()) {
        return Future.succeededFuture(new Page(found, true, false));
      }
      long first = found.get(0).seq();
      // older ones are kept if the room's oldest is older (a room with no row yet: if the page is full)
      long oldest = row != null && epoch.equals(row.epoch()) && row.oldestSeq() > 0 ? row.oldestSeq() : first;
      boolean more = row == null ? merged.size() > found.size() || read.size() >= limit
          : Math.min(oldest, merged.get(0).seq()) < first;
      boolean contiguous = contiguous(found, first) && found.get(found.size() - 1).seq() == before - 1;
      return database.anyLost(room, epoch, first, before - 1)
          .map(lost -> new Page(found, contiguous && !lost, more));
    }));
  }

  /** What the database gave and what waits to be written, by seq, each once (both oldest first). */
  static List<StoredMessage> merge(List<StoredMessage> read, List<StoredMessage> queued) {
    if (queued.isEmpty()) {
      return read;
    }
    List<StoredMessage> merged = new java.util.ArrayList<>(read.size() + queued.size());
    int r = 0;
    int q = 0;
    while (r < read.size() || q < queued.size()) {
      long readSeq = r < read.size() ? read.get(r).seq() : Long.MAX_VALUE;
      long queuedSeq = q < queued.size() ? queued.get(q).seq() : Long.MAX_VALUE;
      if (readSeq <= queuedSeq) {
        merged.add(read.get(r++));
        q += readSeq == queuedSeq ? 1 : 0;
      } else {
        merged.add(queued.get(q++));
      }
    }
    return merged;
  }

  private static boolean contiguous(List<StoredMessage> messages, long from) {
    long expected = from;
    for (StoredMessage message : messages) {
      if (message.seq() != expected) {
        return false;
      }
      expected++;
    }
    return true;
  }

  @Override
  public JsonObject status() {
    JsonObject status = writer.status().put("kind", database.kind()).put("roomsReservedAhead", roomsAhead);
    return pruner.held() < 0 ? status : status.put("messages", pruner.held());
  }

  @Override
  public Future<Void> close() {
    pruner.stop();
    return reads.write().compose(v -> writer.drain()).eventually(database::close);
  }

  @Override
  public ReadPositions readPositions() {
    return reads;
  }
}
