package io.framechat.store;

import io.framechat.chat.MessageStore;
import io.framechat.chat.StoredMessage;
import io.framechat.config.StoreOptions;
import io.framechat.metrics.ChatMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private <T> T on(Supplier<Future<T>> call) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(done));
    return done.future().await(30, TimeUnit.SECONDS);
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  @DisplayName("rows of an earlier release are moved into blocks once, and read forwards and backwards as before")
  void legacy_rows_are_moved() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Path file = dir.resolve("data/framechat.db");
    String url = "jdbc:sqlite:" + file;
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("3").load().migrate();
    try (Connection db = DriverManager.getConnection(url)) {
      try (Statement room = db.createStatement()) {
        room.executeUpdate("INSERT INTO rooms (name, epoch, reserved) VALUES ('old', 'e1', 300), ('other', 'e9', 2)");
      }
      try (PreparedStatement insert = db.prepareStatement(
          "INSERT INTO messages (room, epoch, seq, id, sender, text, ts) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (long seq = 300; seq >= 1; seq--) { // written in any order
          StoredMessage m = new StoredMessage("old", "e1", seq, "id-" + seq, "ann", "t\u00e9xt " + seq, 1000 + seq);
          insert.setString(1, m.room());
          insert.setString(2, m.epoch());
          insert.setLong(3, m.seq());
          insert.setString(4, m.id());
          insert.setString(5, m.from());
          insert.setString(6, m.text());
          insert.setLong(7, m.ts());
          insert.executeUpdate();
        }
        insert.setString(1, "other");
        insert.setString(2, "e9");
        insert.setLong(3, 2);
        insert.setString(4, "x");
        insert.setString(5, "bob");
        insert.setString(6, "hi");
        insert.setLong(7, 5);
        insert.executeUpdate();
      }
    }

    StoreOptions options = new StoreOptions(StoreOptions.Kind.SQLITE, file.toString(), StoreOptions.DEFAULTS.postgres(),
        StoreOptions.Durability.BATCH, 5, 1000, 100_000, 0, 10_000, 5);
    MessageStore store = on(() -> Stores.open(vertx, options, false, new ChatMetrics(new SimpleMeterRegistry())));
    try {
      assertEquals(new MessageStore.Room("e1", 301, 300), on(() -> store.peek("old")));
      MessageStore.Page forwards = on(() -> store.after("old", "e1", 0, 300, 1000));
      assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(),
          forwards.messages().stream().map(StoredMessage::seq).toList());
      assertEquals("t\u00e9xt 1", forwards.messages().get(0).text());
      assertTrue(forwards.complete());
      MessageStore.Page backwards = on(() -> store.before("old", "e1", 101, 50));
      assertEquals(LongStream.rangeClosed(51, 100).boxed().toList(),
          backwards.messages().stream().map(StoredMessage::seq).toList());
      assertEquals(List.of("hi"), on(() -> store.after("other", "e9", 0, 2, 10)).messages().stream()
          .map(StoredMessage::text).toList());
    } finally {
      on(store::close);
    }
    try (Connection db = DriverManager.getConnection(url)) {
      assertEquals(0, count(db, "SELECT COUNT(*) FROM messages"), "moved, not copied");
      assertEquals(4, count(db, "SELECT COUNT(*) FROM message_blocks"), "300 in blocks of 128, and one");
    }
  }
}
