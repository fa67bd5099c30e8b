package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The HTTP listener (health, metrics, the admin API, the chat page and WebSocket clients), the
 * {@code http} section, with TLS if {@code tls} says so.
 *
 * @param idleTimeoutSeconds an HTTP connection with no request in progress for this long is closed
 *     (an idle keep-alive connection, or one that never sent anything); 0 = never. WebSocket
 *     connections follow {@code tcp.idleTimeoutSeconds} instead, with keepalive pings
 * @param publicHosts the host names (as in the {@code Host} header) the server answers {@code /ws}
 *     and {@code /api} under, besides {@code localhost} and the addresses it listens on; {@code *}
 *     for any. Another host name is refused (403): a page on a domain that was made to point at
 *     this server (DNS rebinding) cannot pass for the server's own
 */
public record HttpOptions(String host, int port, int idleTimeoutSeconds, List<String> publicHosts, TlsOptions tls,
    WebSocket websocket, Management management) {

  /**
   * A second port for operators and machines: with {@code enabled}, {@code /health*}, {@code /metrics}
   * and {@code /api} are served there only (on {@code http.host}, with {@code http.tls}), and the main
   * port carries only what clients use (the chat page and WebSocket), so it can be exposed alone.
   *
   * @param port the management port; 0 = any free port
   */
  public record Management(boolean enabled, int port) {

    void check() {
      Checks.port("http.management.port", port);
    }
  }

  /**
   * Chat over WebSocket on the HTTP port: one text frame, one body of the protocol. WebSocket
   * connections follow the {@code tcp} section's idle timeout, send-queue bound and slow-consumer
   * policy.
   *
   * @param enabled whether {@code path} upgrades to a chat connection (and {@code /} serves the chat page)
   * @param path where WebSocket clients connect
   * @param maxFrameBytes largest text frame taken; longer is {@code frame_too_large} and the connection is closed
   * @param allowedOrigins other pages (origins, {@code https://chat.example.org}) whose scripts may
   *     connect; {@code *} = any. The server's own origin (its page) and clients that send no
   *     {@code Origin} (not a browser) are always let in
   */
  public record WebSocket(boolean enabled, String path, int maxFrameBytes, List<String> allowedOrigins) {

    public WebSocket {
      allowedOrigins = List.copyOf(allowedOrigins);
    }

    void check() {
      if (!path.startsWith("/") || path.length() < 2) {
        throw new ConfigException("http.websocket.path", "must start with / and name a path, got \"" + path + "\"");
      }
      Checks.range("http.websocket.maxFrameBytes", maxFrameBytes, 64, 16 * 1024 * 1024);
    }
  }

  public static final String SECTION = "http";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  public static final List<String> DEFAULT_PUBLIC_HOSTS = List.of();
  public static final boolean DEFAULT_WEBSOCKET_ENABLED = true;
  public static final String DEFAULT_WEBSOCKET_PATH = "/ws";
  public static final int DEFAULT_WEBSOCKET_MAX_FRAME_BYTES = 65536;
  public static final List<String> DEFAULT_WEBSOCKET_ALLOWED_ORIGINS = List.of();
  public static final boolean DEFAULT_MANAGEMENT_ENABLED = false;
  public static final int DEFAULT_MANAGEMENT_PORT = 8081;

  public static final HttpOptions DEFAULTS = new HttpOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_IDLE_TIMEOUT_SECONDS,
      DEFAULT_PUBLIC_HOSTS, TlsOptions.DEFAULTS,
      new WebSocket(DEFAULT_WEBSOCKET_ENABLED, DEFAULT_WEBSOCKET_PATH, DEFAULT_WEBSOCKET_MAX_FRAME_BYTES,
          DEFAULT_WEBSOCKET_ALLOWED_ORIGINS),
      new Management(DEFAULT_MANAGEMENT_ENABLED, DEFAULT_MANAGEMENT_PORT));

  public HttpOptions {
    Checks.notBlank("http.host", host);
    Checks.port("http.port", port);
    Checks.range("http.idleTimeoutSeconds", idleTimeoutSeconds, 0, 86_400);
    publicHosts = List.copyOf(publicHosts);
    tls.check("http.tls");
    websocket.check();
    management.check();
  }

  public static HttpOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, HttpOptions.class);
  }
}
