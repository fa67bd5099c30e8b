package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The store on an SQLite file, through JDBC ({@code sqlite-jdbc}) on a thread of its own: one
 * connection, statements run one after another there, never on an event loop. The file is in WAL
 * mode (readers and the writer do not wait for each other); with {@code sync} durability every
 * commit reaches the disk ({@code synchronous=FULL}), with {@code batch} a crash of the process
 * loses no commit ({@code NORMAL}: only the machine losing power can). A room's messages are kept
 * in blocks ({@link SqliteBlocks}); what an earlier release kept a row per message is moved into
 * blocks when the file is opened.
 */
final class SqliteDatabase implements Database {

  /** A statement run on the database's thread. */
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Vertx vertx;
  private final Connection connection;
  private final ExecutorService thread;
  /** The insert of a block, kept prepared (the database's thread only). */
  private PreparedStatement insert;

  private SqliteDatabase(Vertx vertx, Connection connection, ExecutorService thread) {
    this.vertx = vertx;
    this.connection = connection;
    this.thread = thread;
  }

  /** Opens the file (made beforehand with its modes, schema migrated); blocking: call off the event loop. */
  static SqliteDatabase open(Vertx vertx, String jdbcUrl, boolean syncEveryCommit) throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl);
    try (Statement pragmas = connection.createStatement()) {
      pragmas.execute("PRAGMA journal_mode=WAL");
      pragmas.execute("PRAGMA synchronous=" + (syncEveryCommit ? "FULL" : "NORMAL"));
      pragmas.execute("PRAGMA busy_timeout=5000");
    }
    connection.setAutoCommit(false);
    try {
      SqliteBlocks.moveLegacy(connection);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
      Thread t = new Thread(work, "framechat-sqlite");
      t.setDaemon(true);
      return t;
    });
    return new SqliteDatabase(vertx, connection, thread);
  }

  @Override
  public String kind() {
    return "sqlite";
  }

  /** Runs {@code work} on the database's thread, in a transaction; the future completes on the caller's context. */
  private <T> Future<T> run(Work<T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> done = Promise.promise();
    thread.execute(() -> {
      try {
        T result = work.run(connection);
        connection.commit();
        context.runOnContext(v -> done.complete(result));
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        context.runOnContext(v -> done.fail(e));
      }
    });
    return done.future();
  }

  @Override
  public Future<Void> write(List<StoredMessage> messages, Map<String, Mark> marks) {
    return run(db -> {
      if (!messages.isEmpty()) {
        if (insert == null) {
          insert = db.prepareStatement(SqliteBlocks.INSERT);
        }
        SqliteBlocks.write(db, messages, insert);
      }
      if (!marks.isEmpty()) {
        long now = System.currentTimeMillis();
        try (PreparedStatement mark = db.prepareStatement(Sql.MARK_ROOM)) {
          for (Map.Entry<String, Mark> room : marks.entrySet()) {
            mark.setString(1, room.getKey());
            mark.setString(2, room.getValue().epoch());
            mark.setLong(3, room.getValue().reserved());
            mark.setLong(4, now);
            mark.addBatch();
          }
          mark.executeBatch();
        }
      }
      return null;
    });
  }

  @Override
  public Future<RoomRow> room(String room) {
    return run(db -> {
      String epoch;
      long reserved;
      try (PreparedStatement query = db.prepareStatement(Sql.ROOM)) {
        query.setString(1, room);
        try (ResultSet row = query.executeQuery()) {
          if (!row.next()) {
            return null;
          }
          epoch = row.getString(1);
          reserved = row.getLong(2);
        }
      }
      long[] bounds = SqliteBlocks.bounds(db, room, epoch);
      return new RoomRow(epoch, reserved, bounds[0], bounds[1]);
    });
  }

  @Override
  public Future<Void> lost(String room, String epoch, long first, long last) {
    return run(db -> {
      try (PreparedStatement insert = db.prepareStatement(Sql.LOST)) {
        insert.setString(1, room);
        insert.setString(2, epoch);
        insert.setLong(3, first);
        insert.setLong(4, last);
        insert.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> anyLost(String room, String epoch, long first, long last) {
    return run(db -> {
      try (PreparedStatement query = db.prepareStatement(Sql.ANY_LOST)) {
        query.setString(1, room);
        query.setString(2, epoch);
        query.setLong(3, last);
        query.setLong(4, first);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          return row.getLong(1) > 0;
        }
      }
    });
  }

  @Override
  public Future<List<StoredMessage>> after(String room, String epoch, long after, long until, int limit) {
    return run(db -> SqliteBlocks.after(db, room, epoch, after, until, limit));
  }

  @Override
  public Future<List<StoredMessage>> before(String room, String epoch, long before, int limit) {
    return run(db -> {
      List<StoredMessage> newestFirst = SqliteBlocks.before(db, room, epoch, before, limit);
      Collections.reverse(newestFirst);
      return newestFirst;
    });
  }

  @Override
  public Future<List<String[]>> rooms(String after, int limit) {
    return run(db -> {
      try (PreparedStatement query = db.prepareStatement(Sql.ROOMS)) {
        query.setString(1, after == null ? "" : after);
        query.setInt(2, limit);
        List<String[]> rooms = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            rooms.add(new String[] {row.getString(1), row.getString(2)});
          }
        }
        return rooms;
      }
    });
  }

  @Override
  public Future<Integer> prune(String room, String epoch, int keep, long olderThan, int batch) {
    return run(db -> {
      long[] bounds = SqliteBlocks.bounds(db, room, epoch);
      if (bounds[0] == 0) {
        return 0;
      }
      return SqliteBlocks.prune(db, room, epoch, bounds[1] + batch - 1, bounds[0] - keep, olderThan);
    });
  }

  @Override
  public Future<Long> count() {
    return run(SqliteBlocks::count);
  }

  @Override
  public Future<Integer> pruneOldest(int batch) {
    return run(db -> SqliteBlocks.pruneOldest(db, batch));
  }

  @Override
  public Future<Integer> forgetRooms(long idleSince, int limit) {
    return run(db -> {
      int forgotten;
      try (PreparedStatement rooms = db.prepareStatement(SqliteBlocks.FORGET_ROOMS)) {
        rooms.setLong(1, idleSince);
        rooms.setLong(2, idleSince);
        rooms.setInt(3, limit);
        forgotten = rooms.executeUpdate();
      }
      if (forgotten > 0) {
        try (PreparedStatement lost = db.prepareStatement(Sql.FORGET_LOST)) {
          lost.executeUpdate();
        }
      }
      return forgotten;
    });
  }

  /** A SQLite file is one server's (a cluster with one is refused at start): the pass runs. */
  @Override
  public Future<Boolean> alone(Supplier<Future<Void>> pass) {
    return pass.get().map(true);
  }

  @Override
  public Future<Trimmed> trimReads(String after, int keep, int people) {
    return run(db -> SqliteRows.trim(db, after, keep, people));
  }

  @Override
  public Future<Void> markRead(List<ReadRow> rows) {
    return run(db -> {
      SqliteRows.mark(db, rows);
      return null;
    });
  }

  @Override
  public Future<List<ReadRow>> reads(String subject, int limit) {
    return run(db -> SqliteRows.load(db, subject, limit));
  }

  @Override
  public Future<Void> close() {
    Context context = vertx.getOrCreateContext();
    Promise<Void> closed = Promise.promise();
    thread.execute(() -> {
      try {
        connection.close();
        context.runOnContext(v -> closed.complete());
      } catch (SQLException e) {
        context.runOnContext(v -> closed.fail(e));
      } finally {
        thread.shutdown();
      }
    });
    return closed.future();
  }
}
