package io.framechat.config;

/** A configuration value that cannot be used. The message names the key, as {@code tcp.port: ...}. */
public final class ConfigException extends IllegalArgumentException {

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
