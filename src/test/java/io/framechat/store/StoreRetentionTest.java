package io.framechat.store;

import io.framechat.chat.MessageStore;
import io.framechat.chat.StoredMessage;
import io.framechat.config.StoreOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.testing.OnContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store as the server opens it prunes by itself, in the background: a room past
 * {@code store.retentionMessages} loses its oldest, and {@code /health} says what the store holds.
 */
class StoreRetentionTest {

  @TempDir
  Path dir;
  private final OnContext loop = new OnContext();
  private final Vertx vertx = loop.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    loop.close();
  }

  /** Completes once the store has counted {@code messages} pruned (it prunes every few seconds). */
  private Future<Void> pruned(double messages) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(20, timer -> {
      if (registry.counter("framechat.store.pruned").count() >= messages) {
        vertx.cancelTimer(timer);
        done.tryComplete();
      }
    });
    return done.future();
  }

  @Test
  void aRoomPastItsRetentionLosesItsOldestWithNobodyAsking() throws Exception {
    StoreOptions options = new StoreOptions(StoreOptions.Kind.SQLITE, dir.resolve("framechat.db").toString(),
        StoreOptions.DEFAULTS.postgres(), StoreOptions.Durability.BATCH, 5, 1000, 10, 0, 1_000_000, 10_000, 5);
    MessageStore store = loop.await(() -> Stores.open(vertx, options, false, new ChatMetrics(registry)));
    loop.await(() -> store.open("lobby", "e1", 0));
    loop.await(() -> store.reserve("lobby", "e1", 100, true));
    loop.await(() -> Future.all(LongStream.rangeClosed(1, 30).mapToObj(seq -> store.keep(new StoredMessage("lobby", "e1",
        seq, "id-" + seq, "ann", "m" + seq, System.currentTimeMillis()))).toList()));

    loop.await(() -> pruned(20));

    assertEquals(21, loop.await(() -> store.before("lobby", "e1", 31, 100)).messages().get(0).seq(), "the latest 10 kept");
    assertEquals(10L, store.status().getLong("messages"), "counted after the room was pruned");
    assertEquals(10.0, registry.get("framechat.store.messages").gauge().value());
    loop.await(store::close);
  }
}
