package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One database, as the store uses it: the same statements ({@link Sql}) on SQLite through JDBC and
 * PostgreSQL through the reactive client. Room names and texts are always parameters. Futures
 * complete on the context that asked.
 */
interface Database {

  /** What is kept of a room: its epoch, the seqs reserved, its last and oldest seqs (0: none). */
  record RoomRow(String epoch, long reserved, long lastSeq, long oldestSeq) {
  }

  /** What a room's reservation is to become, written with a batch of messages. */
  record Mark(String epoch, long reserved) {
  }

  /** A person's read position in a room, as kept; {@code updated} in epoch milliseconds. */
  record ReadRow(String subject, String room, String epoch, long seq, long updated) {
  }

  /** {@code sqlite} or {@code postgres}. */
  String kind();

  /** One transaction: the messages (one already there is left as it is), then the rooms' marks. */
  Future<Void> write(List<StoredMessage> messages, Map<String, Mark> marks);

  /** The room as kept, or null. */
  Future<RoomRow> room(String room);

  /** Records that seqs {@code first} to {@code last} of a room may have been given out and are not kept. */
  Future<Void> lost(String room, String epoch, long first, long last);

  /** Whether any seq from {@code first} to {@code last} is recorded as lost. */
  Future<Boolean> anyLost(String room, String epoch, long first, long last);

  /** Messages after seq {@code after} up to {@code until}, at most {@code limit}, oldest first. */
  Future<List<StoredMessage>> after(String room, String epoch, long after, long until, int limit);

  /** The {@code limit} messages just before seq {@code before}, oldest first. */
  Future<List<StoredMessage>> before(String room, String epoch, long before, int limit);

  /** The rooms kept after {@code after} by name (null: from the first), at most {@code limit}: name and epoch. */
  Future<List<String[]>> rooms(String after, int limit);

  /**
   * Deletes at most {@code batch} of a room's oldest messages: those past the latest {@code keep},
   * and those older than {@code olderThan} (epoch milliseconds; 0: no age limit). Returns how many.
   */
  Future<Integer> prune(String room, String epoch, int keep, long olderThan, int batch);

  /**
   * The messages kept in all rooms together (on SQLite the seqs its blocks span, as
   * {@code store.retentionMessages} counts a room's).
   */
  Future<Long> count();

  /**
   * Deletes about {@code batch} of the store's oldest messages (by time) in one transaction, each
   * room's from its oldest on, so what a room keeps stays a run of its newest. Returns how many.
   */
  Future<Integer> pruneOldest(int batch);

  /**
   * Deletes the rows of at most {@code limit} rooms that hold no message and were not written since
   * {@code idleSince} (epoch milliseconds), with the seqs recorded as lost in them: such a room
   * starts afresh, in a new epoch, when it is next used. Returns how many rooms.
   */
  Future<Integer> forgetRooms(long idleSince, int limit);

  /**
   * Runs {@code pass} unless another server sharing the database is running one now, and completes
   * with whether it ran. The whole store's count and the pruning it leads to go through here, so two
   * servers counting in the same seconds do not both delete the same excess.
   */
  Future<Boolean> alone(Supplier<Future<Void>> pass);

  /** What a step of the walk over people's read positions did: the last person looked at (null: the walk ended), the rows deleted. */
  record Trimmed(String last, int deleted) {
  }

  /**
   * Looks at the next {@code people} people after {@code after} (null: from the first), in order, and
   * cuts the read positions of those holding more than {@code keep} to their {@code keep} most recently
   * moved (the ones {@link #reads} loads).
   */
  Future<Trimmed> trimReads(String after, int keep, int people);

  /** One transaction: each position, where it moves forward ({@link Sql#MARK_READ}). */
  Future<Void> markRead(List<ReadRow> rows);

  /** A person's positions, the most recently moved first, at most {@code limit}. */
  Future<List<ReadRow>> reads(String subject, int limit);

  Future<Void> close();
}
