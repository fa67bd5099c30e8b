package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** Options of the UDP listener, the {@code udp} section of the configuration. */
public final class UdpOptions extends JsonSection {

  public static final String SECTION = "udp";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9000;
  /** Largest accepted datagram; longer ones are answered with {@code datagram_too_large}. */
  public static final int DEFAULT_MAX_DATAGRAM_BYTES = 8192;
  /** Seconds without a datagram after which a UDP session expires. */
  public static final int DEFAULT_SESSION_IDLE_SECONDS = 120;
  /** UDP sessions at once; a datagram that would open one more gets too_many_connections. */
  public static final int DEFAULT_MAX_SESSIONS = 10_000;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int maxDatagramBytes = DEFAULT_MAX_DATAGRAM_BYTES;
  private int sessionIdleSeconds = DEFAULT_SESSION_IDLE_SECONDS;
  private int maxSessions = DEFAULT_MAX_SESSIONS;

  public UdpOptions() {
  }

  public UdpOptions(UdpOptions other) {
    this(other.toJson());
  }

  public UdpOptions(JsonObject json) {
    setHost(JsonFields.getString(json, SECTION, "host", host));
    setPort(JsonFields.getInt(json, SECTION, "port", port));
    setMaxDatagramBytes(JsonFields.getInt(json, SECTION, "maxDatagramBytes", maxDatagramBytes));
    setSessionIdleSeconds(JsonFields.getInt(json, SECTION, "sessionIdleSeconds", sessionIdleSeconds));
    setMaxSessions(JsonFields.getInt(json, SECTION, "maxSessions", maxSessions));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("maxDatagramBytes", maxDatagramBytes)
        .put("sessionIdleSeconds", sessionIdleSeconds)
        .put("maxSessions", maxSessions);
  }

  public String getHost() {
    return host;
  }

  public UdpOptions setHost(String host) {
    this.host = JsonFields.notBlank(SECTION + ".host", host);
    return this;
  }

  public int getPort() {
    return port;
  }

  public UdpOptions setPort(int port) {
    this.port = JsonFields.port(SECTION + ".port", port);
    return this;
  }

  public int getMaxDatagramBytes() {
    return maxDatagramBytes;
  }

  /** At most 65507 bytes, the largest UDP payload over IPv4. */
  public UdpOptions setMaxDatagramBytes(int maxDatagramBytes) {
    this.maxDatagramBytes = JsonFields.range(SECTION + ".maxDatagramBytes", maxDatagramBytes, 1,
        JsonFields.MAX_UDP_PAYLOAD);
    return this;
  }

  public int getSessionIdleSeconds() {
    return sessionIdleSeconds;
  }

  public UdpOptions setSessionIdleSeconds(int sessionIdleSeconds) {
    this.sessionIdleSeconds = JsonFields.positive(SECTION + ".sessionIdleSeconds", sessionIdleSeconds);
    return this;
  }

  public int getMaxSessions() {
    return maxSessions;
  }

  public UdpOptions setMaxSessions(int maxSessions) {
    this.maxSessions = JsonFields.positive(SECTION + ".maxSessions", maxSessions);
    return this;
  }
}
