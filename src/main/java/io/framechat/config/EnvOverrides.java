package io.framechat.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Maps environment variables onto nested configuration keys: {@code FRAMECHAT_} + section + key in
 * upper snake case, so {@code FRAMECHAT_TCP_MAX_FRAME_BYTES} sets {@code tcp.maxFrameBytes}. Values
 * are strings; each is converted to the type of the key's default (lists are comma-separated).
 */
public final class EnvOverrides {

  public static final String PREFIX = "FRAMECHAT_";

  private EnvOverrides() {
  }

  /** The variable that overrides a dotted key: {@code tcp.maxFrameBytes -> FRAMECHAT_TCP_MAX_FRAME_BYTES}. */
  public static String envName(String dottedKey) {
    return PREFIX + dottedKey.replaceAll("([A-Z])", "_$1").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Every variable name the template's keys answer to, mapped to its dotted key, in template order. */
  public static Map<String, String> names(JsonObject template) {
    Map<String, String> names = new LinkedHashMap<>();
    template.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject section) {
        names(section).forEach((var, key) -> names.put(envName(entry.getKey()) + var.substring(PREFIX.length() - 1),
            entry.getKey() + "." + key));
      } else {
        names.put(envName(entry.getKey()), entry.getKey());
      }
    });
    return names;
  }

  /** The {@code FRAMECHAT_*} variables of {@code env} that name no key of {@code template}, sorted. */
  public static List<String> unknown(Map<String, ?> env, JsonObject template) {
    Map<String, String> known = names(template);
    return env.keySet().stream().filter(name -> name.startsWith(PREFIX) && !known.containsKey(name)).sorted().toList();
  }

  /**
   * Returns a copy of {@code config} with every variable of {@code env} that names a key of
   * {@code template} applied, and with those variables themselves removed from the top level.
   */
  public static JsonObject apply(JsonObject config, Map<String, ?> env, JsonObject template) {
    JsonObject out = config.copy();
    names(template).forEach((var, key) -> {
      out.remove(var);
      if (env.get(var) != null) {
        String[] path = key.split("\\.", -1);
        JsonObject target = out;
        JsonObject example = template;
        for (int i = 0; i < path.length - 1; i++) {
          if (!(target.getValue(path[i]) instanceof JsonObject)) {
            target.put(path[i], new JsonObject());
          }
          target = target.getJsonObject(path[i]);
          example = example.getJsonObject(path[i]);
        }
        String last = path[path.length - 1];
        target.put(last, convert(var, key, String.valueOf(env.get(var)), example.getValue(last)));
      }
    });
    return out;
  }

  private static Object convert(String var, String key, String raw, Object example) {
    if (example instanceof JsonArray) {
      return new JsonArray(Stream.of(raw.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList());
    }
    boolean whole = example instanceof Integer || example instanceof Long;
    if (whole || example instanceof Boolean) {
      Object value;
      try {
        value = Json.decodeValue(raw.trim().toLowerCase(Locale.ROOT));
      } catch (DecodeException e) {
        value = null;
      }
      if (whole ? value instanceof Integer || value instanceof Long : value instanceof Boolean) {
        return value;
      }
      String expected = whole ? "a whole number" : "true or false";
      throw new ConfigException(key, "expected " + expected + " in " + var + ", got \"" + raw + "\"");
    }
    return raw;
  }
}
