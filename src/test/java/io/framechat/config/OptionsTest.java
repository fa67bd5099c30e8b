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
  @DisplayName("every options class built from empty JSON equals its defaults")
  void defaults_equal_empty_json() {
    assertEquals(new TcpOptions(), new TcpOptions(new JsonObject()));
    assertEquals(new UdpOptions(), new UdpOptions(new JsonObject()));
    assertEquals(new HttpOptions(), new HttpOptions(new JsonObject()));
    assertEquals(new ChatOptions(), new ChatOptions(new JsonObject()));
    assertEquals(new FramechatConfig(), new FramechatConfig(new JsonObject()));
  }

  @Test
  @DisplayName("the defaults are the documented ones")
  void documented_defaults() {
    FramechatConfig config = new FramechatConfig();
    assertEquals(9001, config.getTcp().getPort());
    assertEquals(HeaderByteOrder.BIG, config.getTcp().getByteOrder());
    assertEquals(65536, config.getTcp().getMaxFrameBytes());
    assertEquals(300, config.getTcp().getIdleTimeoutSeconds());
    assertEquals(1048576, config.getTcp().getSendQueueBytes());
    assertEquals(Runtime.getRuntime().availableProcessors(), config.getTcp().effectiveInstances());
    assertEquals(9000, config.getUdp().getPort());
    assertEquals(8192, config.getUdp().getMaxDatagramBytes());
    assertEquals(120, config.getUdp().getSessionIdleSeconds());
    assertEquals(8080, config.getHttp().getPort());
    assertEquals("lobby", config.getChat().getDefaultRoom());
    assertEquals(32, config.getChat().getMaxNickLength());
    assertEquals(4096, config.getChat().getMaxTextBytes());
    assertEquals(32, config.getChat().getMaxRoomsPerClient());
    assertEquals(1000, config.getChat().getPresenceMaxMembers());
  }

  @Test
  @DisplayName("a configuration survives a JSON round trip and a copy")
  void json_round_trip_and_copy() {
    FramechatConfig config = new FramechatConfig(new JsonObject()
        .put("tcp", new JsonObject().put("port", 7000).put("byteOrder", "little").put("instances", 3))
        .put("udp", new JsonObject().put("maxDatagramBytes", 1200))
        .put("chat", new JsonObject().put("defaultRoom", "hall")));
    assertEquals(config, new FramechatConfig(config.toJson()));
    assertEquals(config, new FramechatConfig(config));
    assertNotEquals(new FramechatConfig(), config);
    assertEquals(HeaderByteOrder.LITTLE, config.getTcp().getByteOrder());
    assertEquals(1200, new UdpOptions(config.getUdp()).getMaxDatagramBytes());
    assertEquals("hall", new ChatOptions(config.getChat()).getDefaultRoom());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"tcp\":{\"port\":70000}}|tcp.port",
      "{\"tcp\":{\"port\":-1}}|tcp.port",
      "{\"tcp\":{\"port\":\"9001\"}}|tcp.port",
      "{\"tcp\":{\"byteOrder\":\"middle\"}}|tcp.byteOrder",
      "{\"tcp\":{\"maxFrameBytes\":-5}}|tcp.maxFrameBytes",
      "{\"tcp\":{\"maxFrameBytes\":0}}|tcp.maxFrameBytes",
      "{\"tcp\":{\"sendQueueBytes\":-1}}|tcp.sendQueueBytes",
      "{\"tcp\":{\"idleTimeoutSeconds\":-1}}|tcp.idleTimeoutSeconds",
      "{\"tcp\":{\"host\":\"\"}}|tcp.host",
      "{\"udp\":{\"port\":65536}}|udp.port",
      "{\"udp\":{\"maxDatagramBytes\":70000}}|udp.maxDatagramBytes",
      "{\"udp\":{\"sessionIdleSeconds\":0}}|udp.sessionIdleSeconds",
      "{\"http\":{\"port\":1.5}}|http.port",
      "{\"chat\":{\"maxTextBytes\":-1}}|chat.maxTextBytes",
      "{\"chat\":{\"defaultRoom\":\"two words\"}}|chat.defaultRoom",
      "{\"tcp\":5}|tcp"})
  @DisplayName("a bad value fails with a message naming its key")
  void bad_value_names_key(String json, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> new FramechatConfig(new JsonObject(json)));
    assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
  }

  @Test
  @DisplayName("setters validate too")
  void setters_validate() {
    assertThrows(ConfigException.class, () -> new TcpOptions().setPort(65536));
    assertThrows(ConfigException.class, () -> new UdpOptions().setMaxDatagramBytes(0));
    assertEquals(0, new TcpOptions().setPort(0).getPort());
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
