package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** Options of the HTTP listener serving health checks, the {@code http} section. */
public final class HttpOptions extends JsonSection {

  public static final String SECTION = "http";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;

  public HttpOptions() {
  }

  public HttpOptions(HttpOptions other) {
    this(other.toJson());
  }

  public HttpOptions(JsonObject json) {
    setHost(JsonFields.getString(json, SECTION, "host", host));
    setPort(JsonFields.getInt(json, SECTION, "port", port));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port);
  }

  public String getHost() {
    return host;
  }

  public HttpOptions setHost(String host) {
    this.host = JsonFields.notBlank(SECTION + ".host", host);
    return this;
  }

  public int getPort() {
    return port;
  }

  public HttpOptions setPort(int port) {
    this.port = JsonFields.port(SECTION + ".port", port);
    return this;
  }
}
