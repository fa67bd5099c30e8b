package io.framechat.udp;

import io.vertx.core.net.SocketAddress;

import java.util.HashMap;
import java.util.Map;

/**
 * Addresses cut off for flooding, and until when: a new session would otherwise give a flooder a
 * fresh allowance with its next datagram. Kept by IP address, not address and port: a flooder does
 * not escape by sending from another port. Single-threaded (the UDP verticle's event loop).
 */
final class Penalties {

  private final Map<String, Long> until = new HashMap<>();

  void penalize(SocketAddress address, long untilMillis) {
    until.put(address.hostAddress(), untilMillis);
  }

  boolean active(SocketAddress address, long now) {
    Long end = until.get(address.hostAddress());
    return end != null && now < end;
  }

  void expire(long now) {
    until.values().removeIf(end -> end <= now);
  }
}
