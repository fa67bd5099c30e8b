package io.framechat.store;

import io.framechat.chat.MessageStore;
import io.framechat.chat.StoredMessage;
import io.framechat.config.StoreOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.testing.OnContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SQLite file an earlier release wrote (a row per message, schema version 3) opens with every
 * message readable as before, moved into blocks.
 */
class SqliteLegacyRowsTest {

  @TempDir
  Path dir;

  private final OnContext loop = new OnContext();
  private final Vertx vertx = loop.vertx();

  @AfterEach
  void close() throws Exception {
    loop.close();
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** A file at schema version 3 holding 300 messages of room old and one of room other, a row each. */
  private String legacyFile(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    String url = "jdbc:sqlite:" + file;
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("3").load().migrate();
    try (Connection db = DriverManager.getConnection(url)) {
      try (Statement room = db.createStatement()) {
        room.executeUpdate("INSERT INTO rooms (name, epoch, reserved) VALUES ('old', 'e1', 300), ('other', 'e9', 2)");
      }
      try (PreparedStatement insert = db.prepareStatement(
          "INSERT INTO messages (room, epoch, seq, id, sender, text, ts) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (long seq = 300; seq >= 1; seq--) { // written in any order
          insert(insert, oldMessage(seq));
        }
        insert(insert, new StoredMessage("other", "e9", 2, "x", "bob", "hi", 5));
      }
    }
    return url;
  }

  private static StoredMessage oldMessage(long seq) {
    return new StoredMessage("old", "e1", seq, "id-" + seq, "ann", "t\u00e9xt " + seq, 1000 + seq);
  }

  private static void insert(PreparedStatement insert, StoredMessage m) throws Exception {
    insert.setString(1, m.room());
    insert.setString(2, m.epoch());
    insert.setLong(3, m.seq());
    insert.setString(4, m.id());
    insert.setString(5, m.from());
    insert.setString(6, m.text());
    insert.setLong(7, m.ts());
    insert.executeUpdate();
  }

  /** Opens the store on {@code file}, checks it reads every message of the legacy file, closes it. */
  private void readsEveryMessage(Path file) throws Exception {
    StoreOptions options = new StoreOptions(StoreOptions.Kind.SQLITE, file.toString(), StoreOptions.DEFAULTS.postgres(),
        StoreOptions.Durability.BATCH, 5, 1000, 100_000, 0, 0, 10_000, 5);
    MessageStore store = loop.await(() -> Stores.open(vertx, options, false, new ChatMetrics(new SimpleMeterRegistry())));
    try {
      assertEquals(new MessageStore.Room("e1", 301, 300), loop.await(() -> store.peek("old")));
      assertEquals(301L, loop.await(() -> ((SqlStore) store).database().count()), "every message moved is counted");
      MessageStore.Page forwards = loop.await(() -> store.after("old", "e1", 0, 300, 1000));
      assertEquals(LongStream.rangeClosed(1, 300).mapToObj(SqliteLegacyRowsTest::oldMessage).toList(),
          forwards.messages());
      assertTrue(forwards.complete());
      MessageStore.Page backwards = loop.await(() -> store.before("old", "e1", 101, 50));
      assertEquals(LongStream.rangeClosed(51, 100).boxed().toList(),
          backwards.messages().stream().map(StoredMessage::seq).toList());
      assertEquals(List.of("hi"), loop.await(() -> store.after("other", "e9", 0, 2, 10)).messages().stream()
          .map(StoredMessage::text).toList());
    } finally {
      loop.await(store::close);
    }
  }

  @Test
  @DisplayName("rows of an earlier release are moved into blocks once, and read forwards and backwards as before")
  void legacy_rows_are_moved() throws Exception {
    Path file = dir.resolve("data/framechat.db");
    String url = legacyFile(file);
    readsEveryMessage(file);
    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(0, count(db, "SELECT COUNT(*) FROM messages"), "moved, not copied");
      assertEquals(4, count(db, "SELECT COUNT(*) FROM message_blocks"), "300 in blocks of at most 128, and one");
    }
    readsEveryMessage(file);
  }

  /**
   * Migrates {@code url} to this release's schema and writes {@code messages} as blocks, as a start
   * would, then runs {@code thenSql} (or nothing: null).
   */
  private static void blocks(String url, List<StoredMessage> messages, String thenSql) throws Exception {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration", "classpath:db/sqlite").load()
        .migrate();
    try (Connection db = DriverManager.getConnection(url)) {
      db.setAutoCommit(false);
      try (PreparedStatement insert = db.prepareStatement(SqliteBlocks.INSERT); Statement then = db.createStatement()) {
        SqliteBlocks.write(db, messages, insert);
        if (thenSql != null) {
          then.execute(thenSql);
        }
      }
      db.commit();
    }
  }

  @Test
  @DisplayName("a move stopped halfway (some blocks committed, every row still there) goes on after them")
  void a_move_stopped_halfway_goes_on() throws Exception {
    Path file = dir.resolve("data/framechat.db");
    String url = legacyFile(file);
    blocks(url, LongStream.rangeClosed(1, 100).mapToObj(SqliteLegacyRowsTest::oldMessage).toList(), null);
    readsEveryMessage(file);
    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(0, count(db, "SELECT COUNT(*) FROM messages"));
      assertEquals(3, count(db, "SELECT COUNT(*) FROM message_blocks WHERE room = 'old' AND first_seq IN (1, 101, 229)"),
          "the moved block kept, the rest moved after it");
    }
  }

  @Test
  @DisplayName("rows an earlier release wrote after the move (started on the file anyway) are moved at the next start")
  void rows_written_after_the_move_are_moved_too() throws Exception {
    Path file = dir.resolve("data/framechat.db");
    String url = legacyFile(file);
    List<StoredMessage> moved = new java.util.ArrayList<>(
        LongStream.rangeClosed(1, 200).mapToObj(SqliteLegacyRowsTest::oldMessage).toList());
    moved.add(new StoredMessage("other", "e9", 2, "x", "bob", "hi", 5));
    // moved, and then rows 201 to 300 of room old written by a release before blocks
    blocks(url, moved, "DELETE FROM messages WHERE NOT (room = 'old' AND seq > 200)");
    readsEveryMessage(file);
  }
}
