package io.framechat.config;

import io.vertx.core.json.JsonObject;

/**
 * The UDP listener, the {@code udp} section.
 *
 * @param maxDatagramBytes largest accepted datagram; longer ones get {@code datagram_too_large}
 * @param sessionIdleSeconds a session with no datagram this long expires
 * @param maxSessions sessions at once; a datagram that would open one more gets {@code too_many_connections}
 * @param addressValidation whether a new address must echo a cookie before it gets a session
 * @param socketReceiveBytes the socket's receive buffer (SO_RCVBUF): room for bursts; the kernel caps it
 *     at {@code net.core.rmem_max}
 * @param unvalidatedPerIp addresses of one IP waiting to validate at once
 * @param unvalidatedSeconds how long an address may take to validate
 * @param floodPenaltySeconds an address cut off for flooding gets no new session for this long
 * @param sendQueueBytes datagrams written and not yet taken by the kernel, at most; past it a datagram is
 *     dropped (counted), as the network could drop it
 * @param packBytes a packed datagram's largest size (sessions that ask for several frames to a datagram)
 * @param packWaitMillis how long a packed session's room traffic may wait to share datagrams with the
 *     messages after it, once a room is busy (a message after a quiet spell goes at once); 0: never waits
 */
public record UdpOptions(String host, int port, int maxDatagramBytes, int sessionIdleSeconds, int maxSessions,
    AddressValidation addressValidation, int socketReceiveBytes, int unvalidatedPerIp, int unvalidatedSeconds,
    int floodPenaltySeconds, int sendQueueBytes, int packBytes, int packWaitMillis) {

  /** {@code udp.addressValidation}: {@code auto} validates every address but loopback ones. */
  public enum AddressValidation {
    AUTO, COOKIE, OFF;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String SECTION = "udp";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9000;
  public static final int DEFAULT_MAX_DATAGRAM_BYTES = 8192;
  public static final int DEFAULT_SESSION_IDLE_SECONDS = 120;
  public static final int DEFAULT_MAX_SESSIONS = 10_000;
  public static final AddressValidation DEFAULT_ADDRESS_VALIDATION = AddressValidation.AUTO;
  public static final int DEFAULT_SOCKET_RECEIVE_BYTES = 4 * 1024 * 1024;
  public static final int DEFAULT_UNVALIDATED_PER_IP = 16;
  public static final int DEFAULT_UNVALIDATED_SECONDS = 10;
  public static final int DEFAULT_FLOOD_PENALTY_SECONDS = 60;
  public static final int DEFAULT_SEND_QUEUE_BYTES = 4 * 1024 * 1024;
  /** Fits the smallest IPv6 path (1,280 bytes) with the IP and UDP headers: no fragmentation on any path. */
  public static final int DEFAULT_PACK_BYTES = 1200;
  public static final int DEFAULT_PACK_WAIT_MILLIS = 1;

  public static final UdpOptions DEFAULTS = new UdpOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_DATAGRAM_BYTES,
      DEFAULT_SESSION_IDLE_SECONDS, DEFAULT_MAX_SESSIONS, DEFAULT_ADDRESS_VALIDATION, DEFAULT_SOCKET_RECEIVE_BYTES,
      DEFAULT_UNVALIDATED_PER_IP, DEFAULT_UNVALIDATED_SECONDS, DEFAULT_FLOOD_PENALTY_SECONDS, DEFAULT_SEND_QUEUE_BYTES,
      DEFAULT_PACK_BYTES, DEFAULT_PACK_WAIT_MILLIS);

  public UdpOptions {
    Checks.notBlank("udp.host", host);
    Checks.port("udp.port", port);
    Checks.range("udp.maxDatagramBytes", maxDatagramBytes, 1, Checks.MAX_UDP_PAYLOAD);
    Checks.positive("udp.sessionIdleSeconds", sessionIdleSeconds);
    Checks.positive("udp.maxSessions", maxSessions);
    Checks.range("udp.socketReceiveBytes", socketReceiveBytes, 65_536, 1 << 30);
    Checks.positive("udp.unvalidatedPerIp", unvalidatedPerIp);
    Checks.range("udp.unvalidatedSeconds", unvalidatedSeconds, 1, 300);
    Checks.range("udp.floodPenaltySeconds", floodPenaltySeconds, 0, 86_400);
    Checks.range("udp.sendQueueBytes", sendQueueBytes, 65_536, 1 << 30);
    Checks.range("udp.packBytes", packBytes, 512, Checks.MAX_UDP_PAYLOAD);
    Checks.range("udp.packWaitMillis", packWaitMillis, 0, 100);
  }

  public static UdpOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, UdpOptions.class);
  }
}
