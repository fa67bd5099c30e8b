package io.framechat.config;

import io.vertx.core.json.JsonObject;

/**
 * The UDP listener, the {@code udp} section.
 *
 * @param maxDatagramBytes largest accepted datagram; longer ones get {@code datagram_too_large}
 * @param sessionIdleSeconds a session with no datagram this long expires
 * @param maxSessions sessions at once; a datagram that would open one more gets {@code too_many_connections}
 */
public record UdpOptions(String host, int port, int maxDatagramBytes, int sessionIdleSeconds, int maxSessions) {

  public static final String SECTION = "udp";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9000;
  public static final int DEFAULT_MAX_DATAGRAM_BYTES = 8192;
  public static final int DEFAULT_SESSION_IDLE_SECONDS = 120;
  public static final int DEFAULT_MAX_SESSIONS = 10_000;

  public static final UdpOptions DEFAULTS = new UdpOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_DATAGRAM_BYTES,
      DEFAULT_SESSION_IDLE_SECONDS, DEFAULT_MAX_SESSIONS);

  public UdpOptions {
    Checks.notBlank("udp.host", host);
    Checks.port("udp.port", port);
    Checks.range("udp.maxDatagramBytes", maxDatagramBytes, 1, Checks.MAX_UDP_PAYLOAD);
    Checks.positive("udp.sessionIdleSeconds", sessionIdleSeconds);
    Checks.positive("udp.maxSessions", maxSessions);
  }

  public static UdpOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, UdpOptions.class);
  }
}
