package io.framechat.config;

import io.vertx.core.json.JsonObject;

/**
 * Flood control and connection caps, the {@code limits} section.
 *
 * @param messagesPerSecond frames a client may send per second, sustained
 * @param burst frames a client may send at once after a quiet spell
 * @param maxViolations refused frames before a client has been quiet long enough; one more cuts it off
 * @param listingsPerSecond {@code who} and {@code rooms} requests a client may make per second,
 *     sustained, on top of the frames they are (a listing costs more than a message)
 * @param listingBurst the same at once after a quiet spell
 * @param maxConnections sockets accepted on every listener (chat TCP, HTTP, management) and UDP
 *     sessions together, counted from the moment a socket is accepted
 * @param maxConnectionsPerIp the same, per client address
 * @param handshakeTimeoutSeconds a TLS handshake (on any listener) and an HTTP request head must be
 *     complete within this long, or the connection is closed
 * @param maxPendingRequests requests from all clients waiting for the chat to take them; past it the
 *     stream transports stop reading until it has taken half of them, and UDP datagrams are dropped
 *     (counted), so a chat that falls behind holds a bounded queue
 * @param reservedFiles open files kept for the server itself (HTTP probes and scrapes, configuration
 *     and certificate reads, cluster links) beyond those open at start: {@code maxConnections} is
 *     lowered, at start, to what the process's open-files limit leaves after them
 */
public record LimitsOptions(int messagesPerSecond, int burst, int maxViolations, int listingsPerSecond,
    int listingBurst, int maxConnections, int maxConnectionsPerIp, int handshakeTimeoutSeconds,
    int maxPendingRequests, int reservedFiles) {

  public static final String SECTION = "limits";
  public static final int DEFAULT_MESSAGES_PER_SECOND = 20;
  public static final int DEFAULT_BURST = 40;
  public static final int DEFAULT_MAX_VIOLATIONS = 50;
  public static final int DEFAULT_LISTINGS_PER_SECOND = 2;
  public static final int DEFAULT_LISTING_BURST = 40;
  public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 200;
  public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_MAX_PENDING_REQUESTS = 100_000;
  public static final int DEFAULT_RESERVED_FILES = 128;

  public static final LimitsOptions DEFAULTS = new LimitsOptions(DEFAULT_MESSAGES_PER_SECOND, DEFAULT_BURST,
      DEFAULT_MAX_VIOLATIONS, DEFAULT_LISTINGS_PER_SECOND, DEFAULT_LISTING_BURST, DEFAULT_MAX_CONNECTIONS,
      DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_HANDSHAKE_TIMEOUT_SECONDS, DEFAULT_MAX_PENDING_REQUESTS,
      DEFAULT_RESERVED_FILES);

  public LimitsOptions {
    Checks.positive("limits.messagesPerSecond", messagesPerSecond);
    Checks.positive("limits.burst", burst);
    Checks.positive("limits.maxViolations", maxViolations);
    Checks.positive("limits.listingsPerSecond", listingsPerSecond);
    Checks.positive("limits.listingBurst", listingBurst);
    Checks.positive("limits.maxConnections", maxConnections);
    Checks.positive("limits.maxConnectionsPerIp", maxConnectionsPerIp);
    Checks.range("limits.handshakeTimeoutSeconds", handshakeTimeoutSeconds, 1, 3600);
    Checks.positive("limits.maxPendingRequests", maxPendingRequests);
    Checks.nonNegative("limits.reservedFiles", reservedFiles);
  }

  public static LimitsOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, LimitsOptions.class);
  }
}
