package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The store on PostgreSQL, through the reactive client (a pool of {@code store.postgres.poolSize}
 * connections): nothing blocks, and each batch of messages is one transaction. The connections run
 * on an event loop of their own, not the chat's (whose turns would hold up their I/O when busy);
 * each future completes on the caller's context.
 */
final class PostgresDatabase implements Database {

  private static final Logger LOG = Logger.getLogger(PostgresDatabase.class.getName());
  /** The advisory lock a server holds while it counts and prunes the whole store ({@link #alone}). */
  private static final long PASS_LOCK = 0x6672616d65636874L;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final Pool pool;

  private PostgresDatabase(Vertx vertx, PgConnectOptions options, Pool pool) {
    this.vertx = vertx;
    this.options = options;
    this.pool = pool;
  }

  /**
   * A pool on {@code url} ({@code postgresql://...}); TLS as its {@code sslmode} says: {@code require}
   * encrypts without checking the server (as libpq does), {@code verify-ca} and {@code verify-full}
   * check its certificate against {@code caPath}, the latter its name too.
   */
  static PostgresDatabase connect(Vertx vertx, String url, String user, String password, String caPath, int poolSize) {
    PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password)
        .setCachePreparedStatements(true);
    SslMode mode = options.getSslMode();
    if (mode == SslMode.REQUIRE) {
      options.setSslOptions(new ClientSSLOptions().setTrustAll(true));
    } else if (mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL) {
      ClientSSLOptions ssl = new ClientSSLOptions().setTrustOptions(new PemTrustOptions().addCertPath(caPath));
      if (mode == SslMode.VERIFY_FULL) {
        ssl.setHostnameVerificationAlgorithm("HTTPS");
      }
      options.setSslOptions(ssl);
    }
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize).setEventLoopSize(1)).connectingTo(options)
        .using(vertx).build();
    return new PostgresDatabase(vertx, options, pool);
  }

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public Future<Void> write(List<StoredMessage> messages, Map<String, Mark> marks) {
    return onCaller(pool.withTransaction(db -> {
      Future<?> done = Future.succeededFuture();
      if (!messages.isEmpty()) {
        List<Tuple> rows = new ArrayList<>(messages.size());
        for (StoredMessage message : messages) {
          rows.add(Tuple.of(message.room(), message.epoch(), message.seq(), message.id(), message.from(),
              message.text(), message.ts()));
        }
        done = db.preparedQuery(Sql.numbered(Sql.INSERT_MESSAGE)).executeBatch(rows);
      }
      if (!marks.isEmpty()) {
        List<Tuple> rows = new ArrayList<>(marks.size());
        long now = System.currentTimeMillis();
        marks.forEach((room, mark) -> rows.add(Tuple.of(room, mark.epoch(), mark.reserved(), now)));
        done = done.compose(v -> db.preparedQuery(Sql.numbered(Sql.MARK_ROOM)).executeBatch(rows));
      }
      return done.mapEmpty();
    }));
  }

  @Override
  public Future<RoomRow> room(String room) {
    return onCaller(pool.withConnection(db -> query(db, Sql.ROOM, Tuple.of(room)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      String epoch = row.getString(0);
      long reserved = row.getLong(1);
      return query(db, Sql.BOUNDS, Tuple.of(room, epoch)).map(bounds -> {
        Row b = bounds.iterator().next();
        return new RoomRow(epoch, reserved, b.getLong(0), b.getLong(1));
      });
    })));
  }

  @Override
  public Future<Void> lost(String room, String epoch, long first, long last) {
    return onCaller(query(pool, Sql.LOST, Tuple.of(room, epoch, first, last)).mapEmpty());
  }

  @Override
  public Future<Boolean> anyLost(String room, String epoch, long first, long last) {
    return onCaller(query(pool, Sql.ANY_LOST, Tuple.of(room, epoch, last, first))
        .map(rows -> rows.iterator().next().getLong(0) > 0));
  }

  @Override
  public Future<List<StoredMessage>> after(String room, String epoch, long after, long until, int limit) {
    return onCaller(query(pool, Sql.AFTER, Tuple.of(room, epoch, after, until, limit))
        .map(rows -> messages(room, epoch, rows)));
  }

  @Override
  public Future<List<StoredMessage>> before(String room, String epoch, long before, int limit) {
    return onCaller(query(pool, Sql.BEFORE, Tuple.of(room, epoch, before, limit)).map(rows -> {
      List<StoredMessage> newestFirst = messages(room, epoch, rows);
      Collections.reverse(newestFirst);
      return newestFirst;
    }));
  }

  @Override
  public Future<List<String[]>> rooms(String after, int limit) {
    return onCaller(query(pool, Sql.ROOMS, Tuple.of(after == null ? "" : after, limit)).map(rows -> {
      List<String[]> rooms = new ArrayList<>();
      rows.forEach(row -> rooms.add(new String[] {row.getString(0), row.getString(1)}));
      return rooms;
    }));
  }

  @Override
  public Future<Integer> prune(String room, String epoch, int keep, long olderThan, int batch) {
    return onCaller(pool.withConnection(db -> query(db, Sql.BOUNDS, Tuple.of(room, epoch)).compose(bounds -> {
      Row b = bounds.iterator().next();
      long last = b.getLong(0);
      long oldest = b.getLong(1);
      if (last == 0) {
        return Future.succeededFuture(0);
      }
      return query(db, Sql.PRUNE, Tuple.of(room, epoch, oldest + batch - 1, last - keep, olderThan))
          .map(RowSet::rowCount);
    })));
  }

  @Override
  public Future<Long> count() {
    return onCaller(query(pool, Sql.COUNT, Tuple.tuple()).map(rows -> rows.iterator().next().getLong(0)));
  }

  @Override
  public Future<Integer> pruneOldest(int batch) {
    return onCaller(pool.withTransaction(db -> query(db, Sql.OLDEST, Tuple.of(batch)).compose(oldest -> {
      List<Tuple> upTo = new ArrayList<>(oldest.size());
      oldest.forEach(row -> upTo.add(Tuple.of(row.getString(0), row.getString(1), row.getLong(2))));
      if (upTo.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return db.preparedQuery(Sql.numbered(Sql.PRUNE_UP_TO)).executeBatch(upTo).map(PostgresDatabase::rowCounts);
    })));
  }

  /**
   * Holds a session's advisory lock while {@code pass} runs, on a connection of its own (so a pool of
   * one still serves the pass); another server holding it skips its pass. Closing the connection
   * lets the lock go, and so does the server's death.
   */
  @Override
  public Future<Boolean> alone(Supplier<Future<Void>> pass) {
    Context caller = Vertx.currentContext();
    return onCaller(PgConnection.connect(vertx, options).compose(lock -> query(lock, Sql.TRY_LOCK, Tuple.of(PASS_LOCK))
        .compose(locked -> locked.iterator().next().getBoolean(0) ? on(caller, pass).map(true)
            : Future.succeededFuture(false))
        .eventually(() -> lock.close().onFailure(e -> LOG.warning("the connection holding the store's pruning lock"
            + " could not be closed (its session frees the lock when it ends): " + e.getMessage())))));
  }

  @Override
  public Future<Trimmed> trimReads(String after, int keep, int people) {
    return onCaller(pool.withTransaction(db -> query(db, Sql.READERS, Tuple.of(after == null ? "" : after, people))
        .compose(readers -> {
          List<Tuple> each = new ArrayList<>();
          String last = null;
          for (Row row : readers) {
            last = row.getString(0);
            if (row.getLong(1) > keep) {
              each.add(Tuple.of(last, last, keep));
            }
          }
          String next = readers.size() < people ? null : last;
          return each.isEmpty() ? Future.succeededFuture(new Trimmed(next, 0))
              : db.preparedQuery(Sql.numbered(Sql.TRIM_READS)).executeBatch(each)
                  .map(deleted -> new Trimmed(next, rowCounts(deleted)));
        })));
  }

  @Override
  public Future<Integer> forgetRooms(long idleSince, int limit) {
    return onCaller(pool.withTransaction(db -> query(db, Sql.FORGET_ROOMS, Tuple.of(idleSince, idleSince, limit))
        .compose(rooms -> rooms.rowCount() == 0 ? Future.succeededFuture(0)
            : query(db, Sql.FORGET_LOST, Tuple.tuple()).map(lost -> rooms.rowCount()))));
  }

  @Override
  public Future<Void> markRead(List<ReadRow> rows) {
    List<Tuple> tuples = new ArrayList<>(rows.size());
    rows.forEach(row -> tuples.add(Tuple.of(row.subject(), row.room(), row.epoch(), row.seq(), row.updated())));
    return onCaller(pool.withTransaction(db -> db.preparedQuery(Sql.numbered(Sql.MARK_READ)).executeBatch(tuples)))
        .mapEmpty();
  }

  @Override
  public Future<List<ReadRow>> reads(String subject, int limit) {
    return onCaller(query(pool, Sql.READS, Tuple.of(subject, limit)).map(rows -> {
      List<ReadRow> found = new ArrayList<>(rows.size());
      rows.forEach(row -> found.add(new ReadRow(subject, row.getString(0), row.getString(1), row.getLong(2), 0)));
      return found;
    }));
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** {@code result}, completing on the context of the caller (the connections' event loop is another). */
  private static <T> Future<T> onCaller(Future<T> result) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return result;
    }
    Promise<T> done = Promise.promise();
    result.onComplete(outcome -> {
      if (Vertx.currentContext() == caller) {
        done.handle(outcome);
      } else {
        caller.runOnContext(v -> done.handle(outcome));
      }
    });
    return done.future();
  }

  /** {@code work} started on {@code context} (null: here). */
  private static <T> Future<T> on(Context context, Supplier<Future<T>> work) {
    if (context == null || Vertx.currentContext() == context) {
      return work.get();
    }
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  /** The rows a batch changed: one {@link RowSet} a statement, chained by {@code next()}. */
  private static int rowCounts(RowSet<Row> first) {
    int count = 0;
    for (RowSet<Row> each = first; each != null; each = each.next()) {
      count += each.rowCount();
    }
    return count;
  }

  private static Future<RowSet<Row>> query(SqlClient client, String sql, Tuple parameters) {
    return client.preparedQuery(Sql.numbered(sql)).execute(parameters);
  }

  private static List<StoredMessage> messages(String room, String epoch, RowSet<Row> rows) {
    List<StoredMessage> found = new ArrayList<>(rows.size());
    for (Row row : rows) {
      found.add(new StoredMessage(room, epoch, row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
          row.getLong(4)));
    }
    return found;
  }
}
