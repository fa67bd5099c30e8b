package io.framechat.store;

import io.framechat.config.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store on an SQLite file made for the test. */
class SqliteStoreTest extends StoreContract {

  @TempDir
  static Path dir;

  @Override
  protected StoreOptions options() {
    return new StoreOptions(StoreOptions.Kind.SQLITE, dir.resolve("data/framechat.db").toString(),
        StoreOptions.DEFAULTS.postgres(), StoreOptions.Durability.BATCH, 5, 1000, 100_000, 0, 0, 10_000, 5);
  }

  @Test
  void theFileAndItsDirectoryAreTheServersAlone() throws IOException {
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("data/framechat.db"))));
  }
}
