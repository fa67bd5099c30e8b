package io.framechat.config;

import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

  @Test
  @DisplayName("every section bound from empty JSON equals its defaults")
  void defaults_equal_empty_json() {
    assertEquals(TcpOptions.DEFAULTS, TcpOptions.fromJson(new JsonObject()));
    assertEquals(UdpOptions.DEFAULTS, UdpOptions.fromJson(new JsonObject()));
    assertEquals(HttpOptions.DEFAULTS, HttpOptions.fromJson(new JsonObject()));
    assertEquals(ChatOptions.DEFAULTS, ChatOptions.fromJson(new JsonObject()));
    assertEquals(ServerOptions.DEFAULTS, ServerOptions.fromJson(new JsonObject()));
    assertEquals(ClusterOptions.DEFAULTS, ClusterOptions.fromJson(new JsonObject()));
    assertEquals(LimitsOptions.DEFAULTS, LimitsOptions.fromJson(new JsonObject()));
    assertEquals(FramechatConfig.DEFAULTS, FramechatConfig.fromJson(new JsonObject()));
  }

  @Test
  @DisplayName("the defaults are the documented ones")
  void documented_defaults() {
    FramechatConfig config = FramechatConfig.DEFAULTS;
    assertEquals(9001, config.tcp().port());
    assertEquals(HeaderByteOrder.BIG, config.tcp().byteOrder());
    assertEquals(65536, config.tcp().maxFrameBytes());
    assertEquals(300, config.tcp().idleTimeoutSeconds());
    assertEquals(1048576, config.tcp().sendQueueBytes());
    assertEquals(SlowConsumerPolicy.DISCONNECT, config.tcp().slowConsumer());
    assertEquals(Runtime.getRuntime().availableProcessors(), config.tcp().effectiveInstances());
    assertEquals(9000, config.udp().port());
    assertEquals(8192, config.udp().maxDatagramBytes());
    assertEquals(120, config.udp().sessionIdleSeconds());
    assertEquals(8080, config.http().port());
    assertEquals("lobby", config.chat().defaultRoom());
    assertEquals(32, config.chat().maxNickLength());
    assertEquals(4096, config.chat().maxTextBytes());
    assertEquals(32, config.chat().maxRoomsPerClient());
    assertEquals(1000, config.chat().presenceMaxMembers());
    assertEquals(20, config.limits().messagesPerSecond());
    assertEquals("", config.cluster().kubernetes().serviceDns());
  }

  @Test
  @DisplayName("a configuration survives a JSON round trip; values given replace defaults, the rest stay")
  void json_round_trip() {
    FramechatConfig config = FramechatConfig.fromJson(new JsonObject()
        .put("tcp", new JsonObject().put("port", 7000).put("byteOrder", "little").put("instances", 3)
            .put("slowConsumer", "drop"))
        .put("udp", new JsonObject().put("maxDatagramBytes", 1200))
        .put("chat", new JsonObject().put("defaultRoom", "hall").put("reservedNicks", List.of("root")))
        .put("cluster", new JsonObject().put("members", List.of("10.0.0.2:5701"))
            .put("kubernetes", new JsonObject().put("serviceDns", "fc.default.svc"))));
    assertEquals(config, FramechatConfig.fromJson(config.toJson()));
    assertNotEquals(FramechatConfig.DEFAULTS, config);
    assertEquals(HeaderByteOrder.LITTLE, config.tcp().byteOrder());
    assertEquals(SlowConsumerPolicy.DROP, config.tcp().slowConsumer());
    assertEquals(TcpOptions.DEFAULT_MAX_FRAME_BYTES, config.tcp().maxFrameBytes());
    assertEquals(1200, config.udp().maxDatagramBytes());
    assertEquals("hall", config.chat().defaultRoom());
    assertEquals(List.of("root"), config.chat().reservedNicks());
    assertEquals("fc.default.svc", config.cluster().kubernetes().serviceDns());
    assertEquals("little", config.toJson().getJsonObject("tcp").getString("byteOrder"));
    assertEquals("drop", config.toJson().getJsonObject("tcp").getString("slowConsumer"));
  }

  @Test
  @DisplayName("a null value means the default")
  void null_is_default() {
    JsonObject json = new JsonObject().put("tcp", new JsonObject().putNull("port"));
    assertEquals(TcpOptions.DEFAULT_PORT, FramechatConfig.fromJson(json).tcp().port());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"tcp\":{\"port\":70000}}|tcp.port: must be between 0 and 65535, got 70000",
      "{\"tcp\":{\"port\":-1}}|tcp.port: must be between 0 and 65535, got -1",
      "{\"tcp\":{\"port\":\"9001\"}}|tcp.port: expected a whole number, got \"9001\"",
      "{\"tcp\":{\"port\":3000000000}}|tcp.port: expected a whole number, got 3000000000",
      "{\"tcp\":{\"byteOrder\":\"middle\"}}|tcp.byteOrder: must be \"big\" or \"little\", got \"middle\"",
      "{\"tcp\":{\"byteOrder\":5}}|tcp.byteOrder: expected a string, got 5",
      "{\"tcp\":{\"slowConsumer\":\"pause\"}}|tcp.slowConsumer: must be \"disconnect\" or \"drop\", got \"pause\"",
      "{\"tcp\":{\"maxFrameBytes\":-5}}|tcp.maxFrameBytes: must be between 1 and 67108864, got -5",
      "{\"tcp\":{\"maxFrameBytes\":0}}|tcp.maxFrameBytes: must be between 1 and 67108864, got 0",
      "{\"tcp\":{\"sendQueueBytes\":-1}}|tcp.sendQueueBytes: must be between 1024 and 2147483647, got -1",
      "{\"tcp\":{\"idleTimeoutSeconds\":-1}}|tcp.idleTimeoutSeconds: must be between 0 and 2147483647, got -1",
      "{\"tcp\":{\"host\":\"\"}}|tcp.host: must not be empty",
      "{\"tcp\":{\"host\":7}}|tcp.host: expected a string, got 7",
      "{\"udp\":{\"port\":65536}}|udp.port: must be between 0 and 65535, got 65536",
      "{\"udp\":{\"maxDatagramBytes\":70000}}|udp.maxDatagramBytes: must be between 1 and 65507, got 70000",
      "{\"udp\":{\"sessionIdleSeconds\":0}}|udp.sessionIdleSeconds: must be between 1 and 2147483647, got 0",
      "{\"http\":{\"port\":1.5}}|http.port: expected a whole number, got 1.5",
      "{\"chat\":{\"maxTextBytes\":-1}}|chat.maxTextBytes: must be between 1 and 2147483647, got -1",
      "{\"chat\":{\"defaultRoom\":\"two words\"}}|chat.defaultRoom: room name may only hold letters, digits, '_', '-', '.' and '#'",
      "{\"chat\":{\"reservedNicks\":[\"root\",3]}}|chat.reservedNicks: expected a list of strings, got 3",
      "{\"chat\":{\"reservedNicks\":\"root\"}}|chat.reservedNicks: expected a list of strings, got \"root\"",
      "{\"cluster\":{\"enabled\":\"yes\"}}|cluster.enabled: expected true or false, got \"yes\"",
      "{\"cluster\":{\"members\":[\"nohost\"]}}|cluster.members: expected HOST:PORT entries, got \"nohost\"",
      "{\"cluster\":{\"kubernetes\":3}}|cluster.kubernetes: expected an object, got 3",
      "{\"limits\":{\"burst\":0}}|limits.burst: must be between 1 and 2147483647, got 0",
      "{\"tcp\":5}|tcp: expected an object, got 5"})
  @DisplayName("a bad value fails with one line naming its key")
  void bad_value_names_key(String json, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> FramechatConfig.fromJson(new JsonObject(json)));
    assertEquals(message, e.getMessage());
  }

  @Test
  @DisplayName("a section bound on its own names its keys in full too")
  void section_errors_name_full_key() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> UdpOptions.fromJson(new JsonObject().put("maxDatagramBytes", 0)));
    assertTrue(e.getMessage().startsWith("udp.maxDatagramBytes: "), e.getMessage());
  }

  @Test
  @DisplayName("keys no section knows are listed with their full path")
  void lists_unknown_keys() {
    JsonObject json = new JsonObject()
        .put("tcp", new JsonObject().put("prot", 1).put("port", 2))
        .put("metrics", new JsonObject().put("enabled", true))
        .put("chat", new JsonObject().put("maxNickLength", 40));
    assertEquals(List.of("tcp.prot", "metrics"), FramechatConfig.unknownKeys(json));
  }
}
