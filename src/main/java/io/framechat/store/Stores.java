package io.framechat.store;

import io.framechat.chat.MessageStore;
import io.framechat.config.ConfigException;
import io.framechat.config.StoreOptions;
import io.framechat.metrics.ChatMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Opens the store {@code store.kind} names, its schema migrated to this release's (Flyway, from
 * {@code db/migration}), and reachable: SQLite on a file of its own, PostgreSQL shared by a cluster,
 * or nothing kept ({@link MessageStore#NONE}). A database that cannot be reached is tried again for
 * {@code store.startupTimeoutSeconds}; then opening fails with a {@link StoreUnavailable} naming it.
 */
public final class Stores {

  private static final Logger LOG = Logger.getLogger(Stores.class.getName());
  private static final long RETRY_MS = 1000;

  /** The store could not be opened: the server does not start. */
  public static final class StoreUnavailable extends RuntimeException {
    StoreUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Stores() {
  }

  /** Opens the store for a node ({@code clustered}: one of a cluster, where {@code auto} keeps nothing). */
  public static Future<MessageStore> open(Vertx vertx, StoreOptions options, boolean clustered, ChatMetrics metrics) {
    StoreOptions.Kind kind = options.effectiveKind(clustered);
    if (clustered && kind == StoreOptions.Kind.SQLITE) {
      return Future.failedFuture(new ConfigException("store.kind",
          "sqlite cannot be shared by a cluster: use postgres or memory"));
    }
    if (kind == StoreOptions.Kind.MEMORY) {
      LOG.info("room history is kept in memory only" + (clustered
          ? " (a cluster's default): set store.kind postgres to keep it across restarts" : ""));
      return Future.succeededFuture(MessageStore.NONE);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.startupTimeoutSeconds());
    Future<Database> database = kind == StoreOptions.Kind.SQLITE
        ? vertx.executeBlocking(() -> sqlite(vertx, options), false)
        : postgres(vertx, options, deadline);
    return database.map(db -> {
      StoreWriter writer = new StoreWriter(vertx, db, options::flushMillis, options::maxPendingMessages,
          new StoreWriter.Counts() {
            @Override
            public void written(int messages) {
              metrics.storeWritten(messages);
            }

            @Override
            public void dropped(int messages) {
              metrics.storeDropped(messages);
            }
          });
      Pruner pruner = new Pruner(vertx, db, new Pruner.Limits(options::retentionMessages, options::retentionDays,
          options::maxMessages), metrics::storePruned, metrics::storeRoomsForgotten).start();
      metrics.store(writer::waiting, writer::up, pruner::held);
      LOG.info("room history is kept in " + describe(kind, options) + " (" + options.durability()
          + " durability)");
      ReadMarks reads = new ReadMarks(vertx, db, options::flushMillis, options::maxPendingMessages,
          metrics::storeReadsFailed);
      return (MessageStore) new SqlStore(db, writer, pruner, reads);
    });
  }

  /** Where it is kept, for a log line: the file, or the database's address without its password. */
  private static String describe(StoreOptions.Kind kind, StoreOptions options) {
    return kind == StoreOptions.Kind.SQLITE ? "SQLite file " + options.path()
        : "PostgreSQL " + options.postgres().url().replaceAll("//[^@/]*@", "//");
  }

  /** The SQLite file, its directory made 0700 and the file 0600 before SQLite opens it; migrated. */
  private static Database sqlite(Vertx vertx, StoreOptions options) throws Exception {
    Path file = Path.of(options.path()).toAbsolutePath();
    try {
      Path dir = file.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
    } catch (IOException e) {
      throw new StoreUnavailable("store.path " + options.path() + ": cannot be made (" + e.getMessage() + ")", e);
    }
    String url = "jdbc:sqlite:" + file;
    try {
      migrate(url, null, null, "classpath:db/migration", "classpath:db/sqlite");
      return SqliteDatabase.open(vertx, url, options.durability() == StoreOptions.Durability.SYNC);
    } catch (Exception e) {
      throw new StoreUnavailable("store.path " + options.path() + ": " + e.getMessage(), e);
    }
  }

  /** PostgreSQL: migrated over JDBC, then the reactive pool; tried again until {@code deadline}. */
  private static Future<Database> postgres(Vertx vertx, StoreOptions options, long deadline) {
    StoreOptions.Postgres pg = options.postgres();
    String password;
    try {
      password = pg.passwordFile().isEmpty() ? pg.password() : Files.readString(Path.of(pg.passwordFile())).strip();
    } catch (IOException e) {
      return Future.failedFuture(new ConfigException("store.postgres.passwordFile", "cannot read \""
          + pg.passwordFile() + "\": " + e.getMessage()));
    }
    String jdbc = jdbcUrl(pg);
    Promise<Database> opened = Promise.promise();
    attempt(vertx, () -> {
      migrate(jdbc, pg.user(), password, "classpath:db/migration");
      return PostgresDatabase.connect(vertx, pg.url(), pg.user(), password, pg.caPath(), pg.poolSize());
    }, deadline, "PostgreSQL at " + pg.url().replaceAll("//[^@/]*@", "//") + " (store.postgres.url)", opened, true);
    return opened.future();
  }

  /** The JDBC form of {@code postgresql://...}, with the CA for a checked connection. */
  static String jdbcUrl(StoreOptions.Postgres pg) {
    String url = "jdbc:" + pg.url().replaceFirst("^postgres(ql)?://", "postgresql://");
    if (!pg.caPath().isEmpty()) {
      url += (url.contains("?") ? "&" : "?") + "sslrootcert=" + pg.caPath();
    }
    return url;
  }

  private interface Opening {
    Database open() throws Exception;
  }

  private static void attempt(Vertx vertx, Opening opening, long deadline, String what, Promise<Database> opened,
      boolean first) {
    vertx.executeBlocking(opening::open, false).onComplete(tried -> {
      if (tried.succeeded()) {
        opened.complete(tried.result());
      } else if (System.nanoTime() > deadline) {
        opened.fail(new StoreUnavailable(what + " cannot be reached: " + rootMessage(tried.cause()), tried.cause()));
      } else {
        if (first) {
          LOG.info(what + " not reachable yet (" + rootMessage(tried.cause()) + "): trying again for "
              + TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()) + " s (store.startupTimeoutSeconds)");
        }
        vertx.setTimer(RETRY_MS, t -> attempt(vertx, opening, deadline, what, opened, false));
      }
    });
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  /** Migrates the schema: {@code db/migration} is both databases', {@code db/sqlite} SQLite's own. */
  private static void migrate(String url, String user, String password, String... locations) {
    Flyway.configure().dataSource(url, user, password).locations(locations).load().migrate();
  }
}
