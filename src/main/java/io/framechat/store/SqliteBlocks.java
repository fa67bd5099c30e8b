package io.framechat.store;

import io.framechat.chat.StoredMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A room's messages on SQLite, kept in {@link MessageBlocks} ({@code message_blocks}): written,
 * read forwards and backwards, bounded, pruned message by message (a block pruned in part is written
 * again with what is left). Run on the database's thread, in its transaction.
 */
final class SqliteBlocks {

  private static final Logger LOG = Logger.getLogger(SqliteBlocks.class.getName());

  static final String INSERT = "INSERT INTO message_blocks (room, epoch, first_seq, last_seq, last_ts, body)"
      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (room, epoch, first_seq) DO NOTHING";
  /** The newest seq (the last block's last) and the oldest (the first block's first). */
  static final String BOUNDS = "SELECT"
      + " COALESCE((SELECT last_seq FROM message_blocks WHERE room = ? AND epoch = ? ORDER BY first_seq DESC LIMIT 1), 0),"
      + " COALESCE((SELECT MIN(first_seq) FROM message_blocks WHERE room = ? AND epoch = ?), 0)";
  static final String FORWARDS = "SELECT body FROM message_blocks WHERE room = ? AND epoch = ?"
      + " AND first_seq > ? AND first_seq <= ? AND last_seq > ? ORDER BY first_seq";
  static final String BACKWARDS = "SELECT body FROM message_blocks WHERE room = ? AND epoch = ?"
      + " AND first_seq < ? ORDER BY first_seq DESC";
  static final String OLDEST = "SELECT body FROM message_blocks WHERE room = ? AND epoch = ?"
      + " AND first_seq <= ? ORDER BY first_seq";
  static final String DELETE = "DELETE FROM message_blocks WHERE room = ? AND epoch = ? AND first_seq = ?";
  static final String FORGET_ROOMS = Sql.forgetRooms("message_blocks");
  /** The seqs all blocks span, kept by V6's triggers. */
  static final String COUNT = "SELECT seqs FROM block_spans";
  /** The store's oldest blocks by time (V6's index): each one's room, epoch, first and last seq. */
  static final String OLDEST_BLOCKS = "SELECT room, epoch, first_seq, last_seq FROM message_blocks"
      + " ORDER BY last_ts LIMIT ?";
  /** Rows kept by releases before blocks, moved into blocks when the store opens, a chunk at a time. */
  static final String LEGACY = "SELECT room, epoch, seq, id, sender, text, ts FROM messages"
      + " WHERE (room, epoch, seq) > (?, ?, ?) ORDER BY room, epoch, seq LIMIT ?";
  static final int MOVE_CHUNK = 10_000;

  private SqliteBlocks() {
  }

  static void write(Connection db, List<StoredMessage> messages, PreparedStatement insert) throws SQLException {
    for (MessageBlocks.Block block : MessageBlocks.pack(messages)) {
      insert.setString(1, block.room());
      insert.setString(2, block.epoch());
      insert.setLong(3, block.firstSeq());
      insert.setLong(4, block.lastSeq());
      insert.setLong(5, block.lastTs());
      insert.setBytes(6, block.body());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  /** The newest seq kept of a room's epoch and the oldest ({0, 0}: none). */
  static long[] bounds(Connection db, String room, String epoch) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(BOUNDS)) {
      query.setString(1, room);
      query.setString(2, epoch);
      query.setString(3, room);
      query.setString(4, epoch);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return new long[] {row.getLong(1), row.getLong(2)};
      }
    }
  }

  /** At most {@code limit} messages after seq {@code after} up to {@code until}, oldest first. */
  static List<StoredMessage> after(Connection db, String room, String epoch, long after, long until, int limit)
      throws SQLException {
    List<StoredMessage> found = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement(FORWARDS)) {
      query.setString(1, room);
      query.setString(2, epoch);
      query.setLong(3, after - MessageBlocks.MAX_SPAN);
      query.setLong(4, until);
      query.setLong(5, after);
      long last = after;
      try (ResultSet row = query.executeQuery()) {
        while (found.size() < limit && row.next()) {
          for (StoredMessage message : MessageBlocks.unpack(room, epoch, row.getBytes(1))) {
            if (message.seq() > last && message.seq() <= until && found.size() < limit) {
              found.add(message);
              last = message.seq();
            }
          }
        }
      }
    }
    return found;
  }

  /** At most {@code limit} messages before seq {@code before}, newest first. */
  static List<StoredMessage> before(Connection db, String room, String epoch, long before, int limit)
      throws SQLException {
    List<StoredMessage> found = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement(BACKWARDS)) {
      query.setString(1, room);
      query.setString(2, epoch);
      query.setLong(3, before);
      long last = before;
      try (ResultSet row = query.executeQuery()) {
        while (found.size() < limit && row.next()) {
          List<StoredMessage> block = MessageBlocks.unpack(room, epoch, row.getBytes(1));
          for (int i = block.size() - 1; i >= 0 && found.size() < limit; i--) {
            if (block.get(i).seq() < last) {
              found.add(block.get(i));
              last = block.get(i).seq();
            }
          }
        }
      }
    }
    return found;
  }

  /**
   * Deletes the messages with seqs up to {@code upTo} that are {@code keep}-th newest or older
   * (seq at most {@code oldEnough}) or older than {@code olderThan}; returns how many.
   */
  static int prune(Connection db, String room, String epoch, long upTo, long oldEnough, long olderThan)
      throws SQLException {
    List<byte[]> bodies = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement(OLDEST)) {
      query.setString(1, room);
      query.setString(2, epoch);
      query.setLong(3, upTo);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          bodies.add(row.getBytes(1));
        }
      }
    }
    int deleted = 0;
    List<StoredMessage> left = new ArrayList<>();
    try (PreparedStatement delete = db.prepareStatement(DELETE); PreparedStatement insert = db.prepareStatement(INSERT)) {
      for (byte[] body : bodies) {
        List<StoredMessage> block = MessageBlocks.unpack(room, epoch, body);
        List<StoredMessage> kept = block.stream()
            .filter(m -> m.seq() > upTo || (m.seq() > oldEnough && m.ts() >= olderThan)).toList();
        if (kept.size() == block.size()) {
          continue;
        }
        deleted += block.size() - kept.size();
        delete.setString(1, room);
        delete.setString(2, epoch);
        delete.setLong(3, block.get(0).seq()); // a block's first seq is its first message's
        delete.executeUpdate();
        left.addAll(kept);
      }
      if (!left.isEmpty()) {
        write(db, left, insert);
      }
    }
    return deleted;
  }

  /**
   * The seqs all blocks span: the messages kept, counted as {@code store.retentionMessages} counts
   * them; one row, kept by triggers as blocks are written and deleted (V6).
   */
  static long count(Connection db) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(COUNT); ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * Deletes the store's oldest messages, {@code batch} of them, and with them every older message of
   * their rooms (a room keeps a run of its newest): the blocks whose newest message is oldest, whole,
   * the last one from its oldest message on. Returns how many went.
   */
  static int pruneOldest(Connection db, int batch) throws SQLException {
    Map<List<String>, Long> upTo = new LinkedHashMap<>();
    try (PreparedStatement query = db.prepareStatement(OLDEST_BLOCKS)) {
      query.setInt(1, batch);
      try (ResultSet row = query.executeQuery()) {
        long taken = 0;
        while (taken < batch && row.next()) {
          long first = row.getLong(3);
          long last = Math.min(row.getLong(4), first + batch - taken - 1);
          upTo.merge(List.of(row.getString(1), row.getString(2)), last, Math::max);
          taken += last - first + 1;
        }
      }
    }
    int deleted = 0;
    for (Map.Entry<List<String>, Long> room : upTo.entrySet()) {
      long seq = room.getValue();
      deleted += prune(db, room.getKey().get(0), room.getKey().get(1), seq, seq, 0);
    }
    return deleted;
  }

  /**
   * Moves what releases before blocks kept in {@code messages} into blocks, in (room, epoch, seq)
   * order, {@value #MOVE_CHUNK} rows a transaction (committed on {@code db}); then empties
   * {@code messages}. A row at or below the newest seq its room and epoch have in blocks is there
   * already (a start stopped halfway moved it) and is left out; one above it (moved or not yet, or
   * written by an earlier release started on the file afterwards) is moved.
   */
  static void moveLegacy(Connection db) throws SQLException {
    String room = "";
    String epoch = "";
    long seq = Long.MIN_VALUE;
    long newest = 0;
    long moved = 0;
    long began = System.nanoTime();
    try (PreparedStatement query = db.prepareStatement(LEGACY); PreparedStatement insert = db.prepareStatement(INSERT)) {
      while (true) {
        query.setString(1, room);
        query.setString(2, epoch);
        query.setLong(3, seq);
        query.setInt(4, MOVE_CHUNK);
        List<StoredMessage> fresh = new ArrayList<>();
        int read = 0;
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            read++;
            StoredMessage message = new StoredMessage(row.getString(1), row.getString(2), row.getLong(3),
                row.getString(4), row.getString(5), row.getString(6), row.getLong(7));
            if (!message.room().equals(room) || !message.epoch().equals(epoch)) {
              newest = bounds(db, message.room(), message.epoch())[0];
            }
            room = message.room();
            epoch = message.epoch();
            seq = message.seq();
            if (seq > newest) {
              fresh.add(message);
            }
          }
        }
        if (read == 0) {
          break;
        }
        if (!fresh.isEmpty()) {
          write(db, fresh, insert);
          db.commit();
          moved += fresh.size();
        }
        if (moved > 0 && moved % (MOVE_CHUNK * 100L) < fresh.size()) {
          LOG.info("moved " + moved + " messages kept by an earlier release into blocks so far");
        }
      }
    }
    try (PreparedStatement empty = db.prepareStatement("DELETE FROM messages")) {
      if (empty.executeUpdate() > 0 || moved > 0) {
        LOG.info("moved " + moved + " messages kept by an earlier release into blocks in "
            + (System.nanoTime() - began) / 1_000_000 + " ms");
      }
    }
    db.commit();
  }
}
