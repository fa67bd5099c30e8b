package io.framechat.bans;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(VertxExtension.class)
class BansTest {

  private static final long NOW = 1_800_000_000_000L;

  private static Ban ip(String value, long until) {
    return new Ban(value, Ban.Kind.IP, value, null, until, "", "test");
  }

  @Test
  @DisplayName("address bans: one address, IPv4 and IPv6 blocks at any prefix; lapsed bans hold nothing")
  void address_blocks() {
    BanList list = new BanList();
    list.set(List.of(ip("203.0.113.7", NOW + 1), ip("10.0.0.0/8", NOW + 1), ip("192.168.1.128/25", NOW + 1),
        ip("2001:db8::/32", NOW + 1), ip("198.51.100.0/24", NOW - 1)));
    assertNotNull(list.ofAddress("203.0.113.7", NOW));
    assertNull(list.ofAddress("203.0.113.8", NOW));
    assertNotNull(list.ofAddress("10.200.3.4", NOW));
    assertNotNull(list.ofAddress("192.168.1.200", NOW));
    assertNull(list.ofAddress("192.168.1.100", NOW));
    assertNotNull(list.ofAddress("2001:db8:1::5", NOW));
    assertNull(list.ofAddress("2001:db9::5", NOW));
    assertNull(list.ofAddress("198.51.100.1", NOW), "lapsed");
    assertEquals(4, list.current(NOW).size());
    assertThrows(IllegalArgumentException.class, () -> ip("example.com", NOW));
    assertThrows(IllegalArgumentException.class, () -> ip("10.0.0.0/33", NOW));
  }

  @Test
  @DisplayName("a single node's bans written to admin.bansFile come back after a restart; lifted ones do not")
  void kept_in_a_file(Vertx vertx, @TempDir Path dir) throws Exception {
    String file = dir.resolve("bans.json").toString();
    BanList first = new BanList();
    LocalBans store = new LocalBans(vertx, first, file);
    store.load().await(5, TimeUnit.SECONDS);
    long until = System.currentTimeMillis() + 60_000;
    store.add(new Ban("a", Ban.Kind.NICK, "mallory", "mallory", until, "spam", "ops")).await(5, TimeUnit.SECONDS);
    store.add(ip("203.0.113.0/24", until)).await(5, TimeUnit.SECONDS);
    store.add(new Ban("b", Ban.Kind.NICK, "eve", "eve", until, "", "ops")).await(5, TimeUnit.SECONDS);
    store.remove("b").await(5, TimeUnit.SECONDS);

    BanList again = new BanList();
    new LocalBans(vertx, again, file).load().await(5, TimeUnit.SECONDS);
    assertEquals(2, again.current(System.currentTimeMillis()).size());
    assertEquals("spam", again.ofNick("mallory", System.currentTimeMillis()).reason());
    assertNull(again.ofNick("eve", System.currentTimeMillis()));
    assertNotNull(again.ofAddress("203.0.113.9", System.currentTimeMillis()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file))));
    try (var leftovers = Files.list(dir)) {
      assertEquals(List.of(Path.of(file)), leftovers.toList(), "no temporary file left beside it");
    }
  }

  @Test
  @DisplayName("a ban file that is not a list of bans stops the start with one line naming the file and admin.bansFile")
  void corrupt_file_is_named(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("bans.json");
    Files.writeString(file, "[{\"id\":\"a\",\"kind\":\"nick\"");
    Exception failure = assertThrows(Exception.class,
        () -> new LocalBans(vertx, new BanList(), file.toString()).load().await(5, TimeUnit.SECONDS));
    assertTrue(failure.getMessage().startsWith("admin.bansFile: " + file + " is not a list of bans"), failure.getMessage());
    assertFalse(failure.getMessage().contains("\n"), "one line");
  }
}
