package io.framechat.config;

/** Range and presence checks for option values; each failure is a {@link ConfigException} naming the key. */
final class Checks {

  /** The largest UDP payload over IPv4. */
  static final int MAX_UDP_PAYLOAD = 65_507;

  private Checks() {
  }

  static int range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static int port(String key, int port) {
    return range(key, port, 0, 65_535);
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
}
