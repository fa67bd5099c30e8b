package io.framechat.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvOverridesTest {

  private final JsonObject template = FramechatConfig.DEFAULTS.toJson();

  @Test
  @DisplayName("variable names are FRAMECHAT_ + section + key in upper snake case")
  void names_variables() {
    assertEquals("FRAMECHAT_TCP_PORT", EnvOverrides.envName("tcp.port"));
    assertEquals("FRAMECHAT_TCP_MAX_FRAME_BYTES", EnvOverrides.envName("tcp.maxFrameBytes"));
    assertEquals("FRAMECHAT_CHAT_DEFAULT_ROOM", EnvOverrides.envName("chat.defaultRoom"));
    Map<String, String> names = EnvOverrides.names(template);
    assertEquals("udp.sessionIdleSeconds", names.get("FRAMECHAT_UDP_SESSION_IDLE_SECONDS"));
    assertEquals(leaves(template), names.size());
    assertEquals("tcp.tls.certPath", names.get("FRAMECHAT_TCP_TLS_CERT_PATH"));
    assertEquals("auth.jwt.secret", names.get("FRAMECHAT_AUTH_JWT_SECRET"));
  }

  @Test
  @DisplayName("FRAMECHAT_ variables that name no key are reported (a typo is not silently ignored); others are not")
  void unknown_variables() {
    Map<String, String> env = Map.of("FRAMECHAT_TCP_PORT", "1", "FRAMECHAT_TCP_PROT", "1", "FRAMECHAT_BOGUS", "x",
        "PATH", "/bin", "FRAMECHAT_ADMIN_TOKEN", "t");
    assertEquals(java.util.List.of("FRAMECHAT_BOGUS", "FRAMECHAT_TCP_PROT"), EnvOverrides.unknown(env, template));
  }

  private static int leaves(JsonObject json) {
    int count = 0;
    for (String key : json.fieldNames()) {
      count += json.getValue(key) instanceof JsonObject nested ? leaves(nested) : 1;
    }
    return count;
  }

  @Test
  @DisplayName("the environment overrides the file, converted to each key's type")
  void environment_overrides_file() {
    JsonObject file = new JsonObject().put("tcp", new JsonObject().put("port", 7000).put("maxFrameBytes", 100));
    JsonObject merged = EnvOverrides.apply(file,
        Map.of("FRAMECHAT_TCP_PORT", "7001", "FRAMECHAT_TCP_BYTE_ORDER", "little", "UNRELATED", "x",
            "FRAMECHAT_CHAT_HISTORY_MAX_BYTES", "5000000000"), template);
    FramechatConfig config = FramechatConfig.fromJson(merged);
    assertEquals(7001, config.tcp().port());
    assertEquals(5_000_000_000L, config.chat().historyMaxBytes(), "a long key");
    assertEquals(100, config.tcp().maxFrameBytes());
    assertEquals("little", config.tcp().byteOrder().configName());
    assertFalse(merged.containsKey("FRAMECHAT_TCP_PORT"));
  }

  @Test
  @DisplayName("variables already merged into the config (as the env store does) are moved into their sections")
  void moves_merged_variables() {
    JsonObject fromStores = new JsonObject().put("FRAMECHAT_HTTP_PORT", "0").put("http", new JsonObject().put("port", 80));
    JsonObject merged = EnvOverrides.apply(fromStores, fromStores.getMap(), template);
    assertEquals(new JsonObject().put("http", new JsonObject().put("port", 0)), merged);
  }

  @Test
  @DisplayName("a variable that does not convert fails naming the key and the variable")
  void bad_variable_names_key_and_variable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> EnvOverrides.apply(new JsonObject(), Map.of("FRAMECHAT_TCP_PORT", "ninety"), template));
    assertTrue(e.getMessage().startsWith("tcp.port: "), e.getMessage());
    assertTrue(e.getMessage().contains("FRAMECHAT_TCP_PORT"), e.getMessage());
  }
}
