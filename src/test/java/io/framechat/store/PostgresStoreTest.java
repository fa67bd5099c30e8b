package io.framechat.store;

import io.framechat.config.StoreOptions;
import io.framechat.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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

  @Override
  protected StoreOptions options() {
    return new StoreOptions(StoreOptions.Kind.POSTGRES, StoreOptions.DEFAULT_PATH,
        new StoreOptions.Postgres(postgres.url(), TestPostgres.USER, TestPostgres.PASSWORD, "", "", 2),
        StoreOptions.Durability.BATCH, 5, 1000, 100_000, 0, 0, 10_000, 5);
  }
}
