package io.framechat.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements of {@link SqliteDatabase} that read or write many rows: people's read positions (a
 * room's messages are {@link SqliteBlocks}'). Run on the database's thread, in its transaction.
 */
final class SqliteRows {

  private SqliteRows() {
  }

  static void mark(Connection db, List<Database.ReadRow> rows) throws SQLException {
    try (PreparedStatement mark = db.prepareStatement(Sql.MARK_READ)) {
      for (Database.ReadRow row : rows) {
        mark.setString(1, row.subject());
        mark.setString(2, row.room());
        mark.setString(3, row.epoch());
        mark.setLong(4, row.seq());
        mark.setLong(5, row.updated());
        mark.addBatch();
      }
      mark.executeBatch();
    }
  }

  /** {@link Database#trimReads}. */
  static Database.Trimmed trim(Connection db, String after, int keep, int people) throws SQLException {
    List<String> crowded = new ArrayList<>();
    String last = null;
    int seen = 0;
    try (PreparedStatement query = db.prepareStatement(Sql.READERS)) {
      query.setString(1, after == null ? "" : after);
      query.setInt(2, people);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          last = row.getString(1);
          seen++;
          if (row.getLong(2) > keep) {
            crowded.add(last);
          }
        }
      }
    }
    int deleted = 0;
    try (PreparedStatement trim = db.prepareStatement(Sql.TRIM_READS)) {
      for (String subject : crowded) {
        trim.setString(1, subject);
        trim.setString(2, subject);
        trim.setInt(3, keep);
        deleted += trim.executeUpdate();
      }
    }
    return new Database.Trimmed(seen < people ? null : last, deleted);
  }

  static List<Database.ReadRow> load(Connection db, String subject, int limit) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(Sql.READS)) {
      query.setString(1, subject);
      query.setInt(2, limit);
      List<Database.ReadRow> found = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          found.add(new Database.ReadRow(subject, row.getString(1), row.getString(2), row.getLong(3), 0));
        }
      }
      return found;
    }
  }
}
