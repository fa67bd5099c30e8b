package io.framechat.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @Test
  @DisplayName("the shipped conf/config.json holds every key, each at its default")
  void shipped_config_is_the_defaults(Vertx vertx) throws Exception {
    List<String> warnings = new ArrayList<>();
    FramechatConfig config = ConfigLoader.load(vertx, "conf/config.json", new JsonObject(), warnings::add).await(10, TimeUnit.SECONDS);
    assertEquals(FramechatConfig.DEFAULTS, config);
    assertEquals(List.of(), warnings);
    assertEquals(FramechatConfig.DEFAULTS.toJson(), new JsonObject(Files.readString(Path.of("conf/config.json"))));
  }

  @Test
  @DisplayName("a file overrides the defaults and unknown keys become warnings, not failures")
  void file_overrides_defaults_and_warns(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"tcp\":{\"port\":7100,\"colour\":\"red\"},\"udp\":{\"port\":7101}}");
    List<String> warnings = new ArrayList<>();
    FramechatConfig config = ConfigLoader.load(vertx, file.toString(), new JsonObject(), warnings::add).await(10, TimeUnit.SECONDS);
    assertEquals(7100, config.tcp().port());
    assertEquals(7101, config.udp().port());
    assertEquals(65536, config.tcp().maxFrameBytes());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("tcp.colour"), warnings.get(0));
  }

  @Test
  @DisplayName("a bad value in the file fails the load, naming the key")
  void bad_file_value_fails(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"tcp\":{\"byteOrder\":\"sideways\"}}");
    Exception e = assertThrows(Exception.class,
        () -> ConfigLoader.load(vertx, file.toString(), new JsonObject(), w -> { }).await(10, TimeUnit.SECONDS));
    assertTrue(e.getMessage().startsWith("tcp.byteOrder: "), e.getMessage());
  }

  @Test
  @DisplayName("what the command line sets wins over the file")
  void command_line_wins(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"cluster\":{\"enabled\":false,\"name\":\"blue\"}}");
    JsonObject overrides = new JsonObject().put("cluster", new JsonObject().put("enabled", true));
    FramechatConfig config = ConfigLoader.load(vertx, file.toString(), overrides, w -> { }).await(10, TimeUnit.SECONDS);
    assertTrue(config.cluster().enabled());
    assertEquals("blue", config.cluster().name());
  }

  @Test
  @DisplayName("a missing file fails the load")
  void missing_file_fails(Vertx vertx, @TempDir Path dir) {
    assertThrows(Exception.class,
        () -> ConfigLoader.load(vertx, dir.resolve("nope.json").toString(), new JsonObject(), w -> { }).await(10, TimeUnit.SECONDS));
  }
}
