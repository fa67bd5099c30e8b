package io.framechat.store;

import io.framechat.config.StoreOptions;
import io.framechat.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on a PostgreSQL server started for the test. */
class PostgresStoreTest extends StoreContract {

  private static TestPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  /**
   * Two servers sharing the database do not count and prune the whole store at once: while one runs
   * its pass the other's is skipped, and it runs once the first is done.
   */
  @Test
  void oneServerAtATimeCountsTheWholeStore() {
    PostgresDatabase other = PostgresDatabase.connect(vertx, postgres.url(), TestPostgres.USER, TestPostgres.PASSWORD,
        "", 1);
    Database first = ((SqlStore) store).database();
    Promise<Void> holding = Promise.promise();
    Promise<Void> started = Promise.promise();
    Future<Boolean> firstRan = on(() -> Future.succeededFuture(first.alone(() -> {
      started.complete();
      return holding.future();
    })));
    on(started::future);
    AtomicInteger passes = new AtomicInteger();
    Supplier<Future<Void>> pass = () -> {
      passes.incrementAndGet();
      return Future.succeededFuture();
    };
    assertFalse(on(() -> other.alone(pass)), "skipped while the first runs its pass");
    assertEquals(0, passes.get());
    assertTrue(on(() -> {
      holding.complete();
      return firstRan;
    }), "the first ran its pass");
    assertTrue(on(() -> other.alone(pass)), "run once the first is done");
    assertEquals(1, passes.get());
    on(other::close);
  }

  @Override
  protected StoreOptions options() {
    return new StoreOptions(StoreOptions.Kind.POSTGRES, StoreOptions.DEFAULT_PATH,
        new StoreOptions.Postgres(postgres.url(), TestPostgres.USER, TestPostgres.PASSWORD, "", "", 2),
        StoreOptions.Durability.BATCH, 5, 1000, 100_000, 0, 0, 10_000, 5);
  }
}
