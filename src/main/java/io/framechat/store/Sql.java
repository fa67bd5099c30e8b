package io.framechat.store;

/**
 * The store's statements, the same on SQLite and PostgreSQL, except a room's messages, which SQLite
 * keeps in blocks ({@link SqliteBlocks}) and PostgreSQL a row each (the statements on
 * {@code messages} here): written with {@code ?} parameters (JDBC's), turned into {@code $1, $2...}
 * for the reactive PostgreSQL client by {@link #numbered}.
 */
final class Sql {

  static final String INSERT_MESSAGE = "INSERT INTO messages (room, epoch, seq, id, sender, text, ts)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room, epoch, seq) DO NOTHING";
  static final String MARK_ROOM = "INSERT INTO rooms (name, epoch, reserved, updated) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (name) DO UPDATE SET epoch = excluded.epoch, reserved = excluded.reserved,"
      + " updated = excluded.updated";
  static final String ROOM = "SELECT epoch, reserved FROM rooms WHERE name = ?";
  static final String BOUNDS = "SELECT COALESCE(MAX(seq), 0), COALESCE(MIN(seq), 0) FROM messages"
      + " WHERE room = ? AND epoch = ?";
  static final String LOST = "INSERT INTO lost (room, epoch, first_seq, last_seq) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (room, epoch, first_seq) DO NOTHING";
  static final String ANY_LOST = "SELECT COUNT(*) FROM lost WHERE room = ? AND epoch = ?"
      + " AND first_seq <= ? AND last_seq >= ?";
  static final String AFTER = "SELECT seq, id, sender, text, ts FROM messages WHERE room = ? AND epoch = ?"
      + " AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?";
  static final String BEFORE = "SELECT seq, id, sender, text, ts FROM messages WHERE room = ? AND epoch = ?"
      + " AND seq < ? ORDER BY seq DESC LIMIT ?";
  static final String ROOMS = "SELECT name, epoch FROM rooms WHERE name > ? ORDER BY name LIMIT ?";
  static final String PRUNE = "DELETE FROM messages WHERE room = ? AND epoch = ? AND seq <= ?"
      + " AND (seq <= ? OR ts < ?)";
  static final String COUNT = "SELECT COUNT(*) FROM messages";
  /** The newest seq of each room's epoch among the store's oldest messages (by time), at most {@code ?} of them. */
  static final String OLDEST = "SELECT room, epoch, MAX(seq) FROM"
      + " (SELECT room, epoch, seq FROM messages ORDER BY ts LIMIT ?) oldest GROUP BY room, epoch";
  static final String PRUNE_UP_TO = "DELETE FROM messages WHERE room = ? AND epoch = ? AND seq <= ?";
  /** The rows of at most {@code ?} rooms not written since {@code ?} that hold no message ({@link #forgetRooms}). */
  static final String FORGET_ROOMS = forgetRooms("messages");
  /** Seqs recorded as lost in rooms forgotten. */
  static final String FORGET_LOST = "DELETE FROM lost WHERE NOT EXISTS (SELECT 1 FROM rooms WHERE rooms.name = lost.room)";

  /**
   * {@link #FORGET_ROOMS} with a room's messages in {@code table} (SQLite keeps them in blocks). The
   * time is asked twice: a row written again while the statement waits for it (PostgreSQL checks the
   * new version against the outer condition) is kept.
   */
  static String forgetRooms(String table) {
    return "DELETE FROM rooms WHERE updated < ? AND name IN (SELECT r.name FROM rooms r WHERE r.updated < ?"
        + " AND NOT EXISTS (SELECT 1 FROM " + table + " m WHERE m.room = r.name) LIMIT ?)";
  }

  /** A read position moves forward only (or to another epoch of the room). */
  static final String MARK_READ = "INSERT INTO read_positions (subject, room, epoch, seq, updated) VALUES (?, ?, ?, ?, ?)"
      + " ON CONFLICT (subject, room) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq,"
      + " updated = excluded.updated WHERE read_positions.epoch <> excluded.epoch OR read_positions.seq < excluded.seq";
  static final String READS = "SELECT room, epoch, seq FROM read_positions WHERE subject = ?"
      + " ORDER BY updated DESC, room LIMIT ?";
  /** PostgreSQL: takes a session's advisory lock if no other session holds it. */
  static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";
  /** The next people after one, in order, with how many read positions each holds (the primary key's index answers it). */
  static final String READERS = "SELECT subject, COUNT(*) FROM read_positions WHERE subject > ? GROUP BY subject"
      + " ORDER BY subject LIMIT ?";
  /** A person's read positions past the ones {@link #READS} loads. */
  static final String TRIM_READS = "DELETE FROM read_positions WHERE subject = ? AND room NOT IN"
      + " (SELECT room FROM read_positions WHERE subject = ? ORDER BY updated DESC, room LIMIT ?)";

  private Sql() {
  }

  /** {@code sql} with its {@code ?} parameters numbered {@code $1, $2...} (none of them is quoted). */
  static String numbered(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '?') {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
