package io.framechat.store;

import io.framechat.chat.MessageStore;
import io.framechat.chat.StoredMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.logging.Logger;

/**
 * The {@link MessageStore} over a database: writes go through the {@link StoreWriter} (in order, in
 * groups), reads straight to the database. Taking a room up finds where it stands: past every seq
 * reserved before, and if the last run reserved seqs it never wrote (it was killed), those are
 * recorded as lost, so a resume across them is told it was not recovered.
 */
final class SqlStore implements MessageStore {

  private static final Logger LOG = Logger.getLogger(SqlStore.class.getName());

  private final Database database;
  private final StoreWriter writer;
  private final Pruner pruner;

  SqlStore(Database database, StoreWriter writer, Pruner pruner) {
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
        return writer.mark(room, new Database.Mark(newEpoch, ahead), true).map(new Room(newEpoch, 1, ahead));
      }
      long next = row.lastSeq() + 1;
      Future<Void> lost = Future.succeededFuture();
      if (row.reserved() > row.lastSeq()) {
        // the last run may have given these out and not written them (it did not stop cleanly)
        LOG.info("room " + room + ": seqs " + next + " to " + row.reserved() + " were reserved and not written"
            + " (the last run did not stop cleanly): they are recorded as lost, and the room goes on at "
            + (row.reserved() + 1));
        lost = database.lost(room, row.epoch(), next, row.reserved());
        next = row.reserved() + 1;
      }
      long start = next;
      long reserved = next - 1 + ahead;
      return lost.compose(v -> writer.mark(room, new Database.Mark(row.epoch(), reserved), true))
          .map(new Room(row.epoch(), start, reserved));
    });
  }

  @Override
  public Future<Void> reserve(String room, String epoch, long upTo, boolean now) {
    return writer.mark(room, new Database.Mark(epoch, upTo), now);
  }

  @Override
  public Future<Void> keep(StoredMessage message) {
    return writer.message(message);
  }

  @Override
  public Future<Page> after(String room, String epoch, long after, long until, int limit) {
    return database.after(room, epoch, after, until, limit).compose(found -> {
      long last = found.isEmpty() ? after : found.get(found.size() - 1).seq();
      boolean contiguous = contiguous(found, after + 1);
      boolean more = found.size() >= limit && last < until;
      // lost seqs count up to where the page ends: its last message, or, when nothing more came, until
      long end = more ? last : Math.max(after + 1, until);
      return database.anyLost(room, epoch, after + 1, end)
          .map(lost -> new Page(found, contiguous && !lost && !more, more));
    });
  }

  @Override
  public Future<Page> before(String room, String epoch, long before, int limit) {
    return database.room(room).compose(row -> database.before(room, epoch, before, limit).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Page(found, true, false));
      }
      long first = found.get(0).seq();
      boolean more = row != null && epoch.equals(row.epoch()) && row.oldestSeq() > 0 && row.oldestSeq() < first;
      boolean contiguous = contiguous(found, first) && found.get(found.size() - 1).seq() == before - 1;
      return database.anyLost(room, epoch, first, before - 1)
          .map(lost -> new Page(found, contiguous && !lost, more));
    }));
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
    return writer.status().put("kind", database.kind());
  }

  @Override
  public Future<Void> close() {
    pruner.stop();
    return writer.drain().eventually(database::close);
  }
}
