package io.framechat.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads and range checks for configuration sections. Every failure is a
 * {@link ConfigException} naming the full key ({@code section.key}).
 */
final class JsonFields {

  /** The largest UDP payload over IPv4. */
  static final int MAX_UDP_PAYLOAD = 65_507;

  private JsonFields() {
  }

  static int getInt(JsonObject json, String section, String key, int current) {
    Object value = json.getValue(key);
    if (value == null) {
      return current;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long n = ((Number) value).longValue();
      if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
        return (int) n;
      }
    }
    throw new ConfigException(section + "." + key, "expected a whole number, got " + describe(value));
  }

  static String getString(JsonObject json, String section, String key, String current) {
    Object value = json.getValue(key);
    if (value == null) {
      return current;
    }
    if (value instanceof String) {
      return (String) value;
    }
    throw new ConfigException(section + "." + key, "expected a string, got " + describe(value));
  }

  static boolean getBoolean(JsonObject json, String section, String key, boolean current) {
    Object value = json.getValue(key);
    if (value == null) {
      return current;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new ConfigException(section + "." + key, "expected true or false, got " + describe(value));
  }

  static List<String> getStrings(JsonObject json, String section, String key, List<String> current) {
    Object value = json.getValue(key);
    if (value == null) {
      return current;
    }
    if (value instanceof JsonArray) {
      List<String> out = new ArrayList<>();
      for (Object item : (JsonArray) value) {
        if (!(item instanceof String)) {
          throw new ConfigException(section + "." + key, "expected a list of strings, got " + describe(item));
        }
        out.add((String) item);
      }
      return out;
    }
    throw new ConfigException(section + "." + key, "expected a list of strings, got " + describe(value));
  }

  static JsonObject getSection(JsonObject json, String section) {
    return getSection(json, section, section);
  }

  /** The object at {@code key}; {@code path} names it in errors ({@code cluster.kubernetes}). */
  static JsonObject getSection(JsonObject json, String key, String path) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw new ConfigException(path, "expected an object, got " + describe(value));
  }

  static int port(String key, int port) {
    return range(key, port, 0, 65_535);
  }

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static int positive(String key, int value) {
    return range(key, value, 1, Integer.MAX_VALUE);
  }

  static int nonNegative(String key, int value) {
    return range(key, value, 0, Integer.MAX_VALUE);
  }

  static String notBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "must not be empty");
    }
    return value;
  }

  private static String describe(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
