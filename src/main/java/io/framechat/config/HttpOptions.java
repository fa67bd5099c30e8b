package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** The HTTP listener (health, metrics), the {@code http} section. */
public record HttpOptions(String host, int port) {

  public static final String SECTION = "http";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;

  public static final HttpOptions DEFAULTS = new HttpOptions(DEFAULT_HOST, DEFAULT_PORT);

  public HttpOptions {
    Checks.notBlank("http.host", host);
    Checks.port("http.port", port);
  }

  public static HttpOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, HttpOptions.class);
  }
}
