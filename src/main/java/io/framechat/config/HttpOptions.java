package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** The HTTP listener (health, metrics), the {@code http} section, with TLS if {@code tls} says so. */
public record HttpOptions(String host, int port, TlsOptions tls) {

  public static final String SECTION = "http";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;

  public static final HttpOptions DEFAULTS = new HttpOptions(DEFAULT_HOST, DEFAULT_PORT, TlsOptions.DEFAULTS);

  public HttpOptions {
    Checks.notBlank("http.host", host);
    Checks.port("http.port", port);
    tls.check("http.tls");
  }

  public static HttpOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, HttpOptions.class);
  }
}
