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
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every store does, on a real database (SQLite on a file, PostgreSQL as a server): rooms and
 * their reservations, messages kept byte for byte and read in pages both ways, seqs a crash may
 * have given out recorded as lost, pruning. Each subclass says how its database is configured.
 */
abstract class StoreContract {

  protected final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  protected final ChatMetrics metrics = new ChatMetrics(new SimpleMeterRegistry());
  protected MessageStore store;
  /** A room of this test's own (the database may outlive one test). */
  protected final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);

  /** The store options of this database. */
  protected abstract StoreOptions options();

  @BeforeEach
  void open() {
    store = on(() -> Stores.open(vertx, options(), false, metrics));
  }

  @AfterEach
  void close() throws Exception {
    on(() -> store.close());
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Runs {@code call} on the store's context and waits for its result. */
  protected <T> T on(Supplier<Future<T>> call) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(done));
    try {
      return done.future().await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the store did not answer within 30 s", e);
    }
  }

  protected static StoredMessage message(String room, String epoch, long seq, String text) {
    return new StoredMessage(room, epoch, seq, "id-" + seq, "ann", text, 1_700_000_000_000L + seq);
  }

  private void keepAll(String epoch, long from, long to) {
    on(() -> Future.all(LongStream.rangeClosed(from, to).mapToObj(seq -> store.keep(message(room, epoch, seq,
        "m" + seq))).toList()).mapEmpty());
  }

  @Test
  void aRoomGoesOnWhereItStoodAfterACleanStop() {
    MessageStore.Room fresh = on(() -> store.open(room, "e1", 0));
    assertEquals(new MessageStore.Room("e1", 1, 0), fresh);
    on(() -> store.reserve(room, "e1", 10, true));
    keepAll("e1", 1, 3);
    on(() -> store.reserve(room, "e1", 3, true));
    MessageStore.Room again = on(() -> store.open(room, "ignored", 0));
    assertEquals(new MessageStore.Room("e1", 4, 3), again, "the same epoch, the next seq, nothing lost");
    assertTrue(on(() -> store.after(room, "e1", 0, 3, 10)).complete());
  }

  @Test
  void seqsReservedAndNotWrittenAreLostNotGivenAgain() {
    on(() -> store.open(room, "e1", 0));
    on(() -> store.reserve(room, "e1", 1000, true));
    keepAll("e1", 1, 5);
    // a crash: the reservation still stands at 1000
    MessageStore.Room after = on(() -> store.open(room, "ignored", 0));
    assertEquals(1001, after.next());
    MessageStore.Page across = on(() -> store.after(room, "e1", 3, 1001, 100));
    assertEquals(List.of(4L, 5L), across.messages().stream().map(StoredMessage::seq).toList());
    assertFalse(across.complete(), "a resume across the seqs a crash may have given out is not recovered");
    assertTrue(on(() -> store.after(room, "e1", 1, 5, 100)).complete(), "one before them is");
  }

  @Test
  void messagesNobodyWaitsForAreWrittenInOrderWithTheOthers() {
    on(() -> store.open(room, "e1", 0));
    on(() -> {
      LongStream.rangeClosed(1, 5).forEach(seq -> store.keepLater(message(room, "e1", seq, "m" + seq)));
      return store.keep(message(room, "e1", 6, "m6"));
    });
    assertEquals(0, on(() -> Future.succeededFuture(store.status().getInteger("pending", 0))),
        "committed with the one after them");
    MessageStore.Page read = on(() -> store.after(room, "e1", 0, 6, 100));
    assertEquals(LongStream.rangeClosed(1, 6).boxed().toList(), read.messages().stream().map(StoredMessage::seq).toList());
    assertTrue(read.complete());
  }

  @Test
  void textComesBackByteForByte() {
    on(() -> store.open(room, "e1", 0));
    List<String> texts = List.of("'; DROP TABLE messages; --", "\"quoted\" \\back\\slash\\", "tab\there\nline feed",
        "κόσμε 世界 مرحبا 👩‍👩‍👧 e\u0301", "$1 ? :name %s ${x}", "x".repeat(4096));
    for (int i = 0; i < texts.size(); i++) {
      StoredMessage kept = message(room, "e1", i + 1, texts.get(i));
      on(() -> store.keep(kept));
    }
    List<StoredMessage> read = on(() -> store.after(room, "e1", 0, 100, 100)).messages();
    assertEquals(texts, read.stream().map(StoredMessage::text).toList());
    assertEquals(message(room, "e1", 2, texts.get(1)).body(), read.get(1).body(), "the frame as its members got it");
  }

  @Test
  void pagesBackwardsReachTheFirstMessageEachSeqOnce() {
    on(() -> store.open(room, "e1", 0));
    keepAll("e1", 1, 450);
    long before = 451;
    int pages = 0;
    long expected = 450;
    while (true) {
      long at = before;
      MessageStore.Page page = on(() -> store.before(room, "e1", at, 200));
      pages++;
      for (int i = page.messages().size() - 1; i >= 0; i--) {
        assertEquals(expected--, page.messages().get(i).seq());
      }
      assertTrue(page.complete());
      if (!page.more()) {
        break;
      }
      before = page.messages().get(0).seq();
    }
    assertEquals(0, expected, "down to seq 1");
    assertEquals(3, pages);
  }

  @Test
  void aPeekReadsWhereARoomStandsAndWritesNothing() {
    assertEquals(null, on(() -> store.peek(room)), "nothing of it yet");
    on(() -> store.open(room, "e1", 0));
    on(() -> store.reserve(room, "e1", 10, true));
    keepAll("e1", 1, 3);
    assertEquals(new MessageStore.Room("e1", 11, 10), on(() -> store.peek(room)), "past what may have been given out");
    assertFalse(on(() -> store.after(room, "e1", 0, 10, 100)).complete(), "4 to 10 may have been given out: not kept");
    assertTrue(on(() -> store.after(room, "e1", 0, 3, 100)).complete());
    assertEquals(new MessageStore.Room("e1", 11, 10), on(() -> store.peek(room)), "a peek records nothing");
  }

  @Test
  void readsSeeWhatWaitsToBeWritten() {
    on(() -> store.open(room, "e1", 0));
    keepAll("e1", 1, 5);
    // kept and read in one turn of the event loop: 6 to 10 wait to be written when the reads start
    MessageStore.Page[] pages = on(() -> {
      LongStream.rangeClosed(6, 10).forEach(seq -> store.keep(message(room, "e1", seq, "m" + seq)));
      return Future.all(store.before(room, "e1", 11, 100), store.after(room, "e1", 3, 10, 4))
          .map(both -> new MessageStore.Page[] {both.resultAt(0), both.resultAt(1)});
    });
    assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), pages[0].messages().stream().map(StoredMessage::seq).toList());
    assertTrue(pages[0].complete());
    assertEquals(List.of(4L, 5L, 6L, 7L), pages[1].messages().stream().map(StoredMessage::seq).toList(), "the limit holds");
    assertTrue(pages[1].more());
  }

  @Test
  void theOldestGoWhenARoomHoldsMoreThanItsRetention() {
    on(() -> store.open(room, "e1", 0));
    keepAll("e1", 1, 30);
    SqlStore sql = (SqlStore) store;
    int pruned = on(() -> sql.database().prune(room, "e1", 10, 0, 15));
    assertEquals(15, pruned, "at most a batch at a time");
    pruned = on(() -> sql.database().prune(room, "e1", 10, 0, 15));
    assertEquals(5, pruned, "down to the latest 10");
    MessageStore.Page oldest = on(() -> store.before(room, "e1", 31, 100));
    assertEquals(21, oldest.messages().get(0).seq());
    assertFalse(oldest.more());
  }

  @Test
  void messagesOlderThanTheRetentionDaysGoWhateverTheirNumber() {
    on(() -> store.open(room, "e1", 0));
    keepAll("e1", 1, 30); // each a millisecond after the one before
    SqlStore sql = (SqlStore) store;
    long cutoff = message(room, "e1", 21, "").ts(); // 1 to 20 are older
    assertEquals(20, on(() -> sql.database().prune(room, "e1", 100_000, cutoff, 1000)));
    assertEquals(0, on(() -> sql.database().prune(room, "e1", 100_000, cutoff, 1000)), "and nothing younger");
    assertEquals(21, on(() -> store.before(room, "e1", 31, 100)).messages().get(0).seq());
  }

  @Test
  void theStoresOldestGoWhenAllRoomsTogetherHoldMoreThanItsBound() {
    SqlStore sql = (SqlStore) store;
    long before = on(() -> sql.database().count());
    String other = room + "-b";
    on(() -> store.open(room, "e1", 0));
    on(() -> store.open(other, "e2", 0));
    // two rooms, turn about in time, older than anything else here; each written on its own
    for (long seq = 1; seq <= 20; seq++) {
      long at = seq;
      on(() -> store.keep(new StoredMessage(room, "e1", at, "a" + at, "ann", "a" + at, 1_000_000_000_000L + 2 * at)));
      on(() -> store.keep(new StoredMessage(other, "e2", at, "b" + at, "bob", "b" + at, 1_000_000_000_001L + 2 * at)));
    }
    assertEquals(before + 40, on(() -> sql.database().count()));
    Pruner pruner = new Pruner(vertx, sql.database(),
        new Pruner.Limits(() -> 100_000, () -> 0, () -> Math.toIntExact(before + 25)), n -> { }, n -> { });
    on(pruner::round);
    assertEquals(before + 25, pruner.held(), "down to the bound");
    assertEquals(before + 25, on(() -> sql.database().count()));
    assertEquals(9, on(() -> store.before(room, "e1", 21, 100)).messages().get(0).seq(), "1 to 8 went");
    assertEquals(8, on(() -> store.before(other, "e2", 21, 100)).messages().get(0).seq(), "1 to 7 went");
  }

  @Test
  void roomsWithNoMessageLeftAreForgottenOnceIdle() {
    SqlStore sql = (SqlStore) store;
    String empty = room + "-empty";
    on(() -> store.open(empty, "e1", 0));
    on(() -> store.reserve(empty, "e1", 10, true)); // its row, and no message
    on(() -> sql.database().lost(empty, "e1", 1, 10));
    on(() -> store.open(room, "e1", 0));
    on(() -> store.reserve(room, "e1", 10, true));
    keepAll("e1", 1, 3);
    long anHourAgo = System.currentTimeMillis() - Pruner.FORGET_AFTER_MS;
    assertEquals(0, on(() -> sql.database().forgetRooms(anHourAgo, 1000)), "every room here was written lately");
    assertTrue(on(() -> sql.database().forgetRooms(Long.MAX_VALUE, 1000)) >= 1);
    assertEquals(null, on(() -> store.peek(empty)), "forgotten: it starts afresh when next used");
    assertFalse(on(() -> sql.database().anyLost(empty, "e1", 1, 10)), "with what was recorded lost in it");
    assertEquals(new MessageStore.Room("e1", 11, 10), on(() -> store.peek(room)), "a room holding messages is kept");
  }

  @Test
  void readPositionsPastThoseLoadedAreCutWalkingThroughPeopleInOrder() {
    SqlStore sql = (SqlStore) store;
    String ann = room + "-ann";
    String bob = room + "-bob";
    on(() -> sql.database().markRead(List.of(read(ann, "r1", 10), read(ann, "r2", 50), read(ann, "r3", 30),
        read(ann, "r4", 40), read(ann, "r5", 20), read(bob, "r1", 10), read(bob, "r2", 20))));

    Database.Trimmed first = on(() -> sql.database().trimReads(room, 3, 1));
    assertEquals(new Database.Trimmed(ann, 2), first, "ann first, her two least recently moved");
    assertEquals(List.of("r2", "r4", "r3"), on(() -> sql.database().reads(ann, 10)).stream()
        .map(Database.ReadRow::room).toList(), "the three loaded first are kept");
    assertEquals(new Database.Trimmed(bob, 0), on(() -> sql.database().trimReads(ann, 3, 1)), "then bob, under the bound");
    assertEquals(2, on(() -> sql.database().reads(bob, 10)).size());
    assertEquals(new Database.Trimmed(null, 0), on(() -> sql.database().trimReads(bob, 3, 1)), "the walk ends");
    assertEquals(0, on(() -> sql.database().trimReads(room, 3, 10)).deleted(), "nothing more to cut");
  }

  private static Database.ReadRow read(String subject, String room, long updated) {
    return new Database.ReadRow(subject, room, "e1", 1, updated);
  }

  @Test
  void answersComeOnTheCallersContext() {
    on(() -> store.open(room, "e1", 0));
    keepAll("e1", 1, 3);
    Boolean read = on(() -> store.after(room, "e1", 0, 3, 10).map(page -> Vertx.currentContext() == context));
    Boolean kept = on(() -> store.keep(message(room, "e1", 4, "m4")).map(v -> Vertx.currentContext() == context));
    Boolean reserved = on(() -> store.reserve(room, "e1", 10, true).map(v -> Vertx.currentContext() == context));
    assertEquals(List.of(true, true, true), List.of(read, kept, reserved), "read, kept, reserved");
  }

  @Test
  void statusSaysWhatWaits() {
    JsonObject status = store.status();
    assertEquals(true, status.getBoolean("up"));
    assertEquals(0, status.getInteger("pending"));
  }
}
