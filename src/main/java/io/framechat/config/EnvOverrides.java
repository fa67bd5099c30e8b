package io.framechat.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
    StringBuilder out = new StringBuilder(PREFIX);
    for (int i = 0; i < dottedKey.length(); i++) {
      char c = dottedKey.charAt(i);
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  /** Every variable name the template's keys answer to, mapped to its dotted key, in template order. */
  public static Map<String, String> names(JsonObject template) {
    Map<String, String> names = new LinkedHashMap<>();
    collect(template, "", names);
    return names;
  }

  private static void collect(JsonObject template, String prefix, Map<String, String> names) {
    for (Map.Entry<String, Object> entry : template) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof JsonObject) {
        collect((JsonObject) entry.getValue(), key + ".", names);
      } else {
        names.put(envName(key), key);
      }
    }
  }

  /**
   * Returns a copy of {@code config} with every variable of {@code env} that names a key of
   * {@code template} applied, and with those variables themselves removed from the top level.
   */
  public static JsonObject apply(JsonObject config, Map<String, ?> env, JsonObject template) {
    JsonObject out = config.copy();
    for (Map.Entry<String, String> name : names(template).entrySet()) {
      out.remove(name.getKey());
      Object raw = env.get(name.getKey());
      if (raw == null) {
        continue;
      }
      String key = name.getValue();
      Object value = convert(name.getKey(), key, String.valueOf(raw), valueAt(template, key));
      put(out, key, value);
    }
    return out;
  }

  private static Object convert(String var, String key, String raw, Object example) {
    String text = raw.trim();
    if (example instanceof Integer) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "expected a whole number in " + var + ", got \"" + raw + "\"");
      }
    }
    if (example instanceof Boolean) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        return Boolean.parseBoolean(lower);
      }
      throw new ConfigException(key, "expected true or false in " + var + ", got \"" + raw + "\"");
    }
    if (example instanceof JsonArray) {
      JsonArray list = new JsonArray();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          list.add(item.trim());
        }
      }
      return list;
    }
    return raw;
  }

  private static Object valueAt(JsonObject json, String dottedKey) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static void put(JsonObject json, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
