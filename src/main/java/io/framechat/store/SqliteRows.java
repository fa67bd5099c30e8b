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
  static int trim(Connection db, int keep, int people) throws SQLException {
    List<String> crowded = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement(Sql.CROWDED_READERS)) {
      query.setInt(1, keep);
      query.setInt(2, people);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          crowded.add(row.getString(1));
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
    return deleted;
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
