package io.framechat.udp;

import io.framechat.config.UdpOptions;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Addresses that wrote to the UDP port but have not shown yet that they receive there. A source
 * address is easy to forge, so before an address gets a session it is sent a random cookie, which
 * it must echo: a sender that forged the address never sees it. Until then the address is answered
 * only with that cookie, and never with more than {@value #AMPLIFICATION} times the bytes it sent,
 * so it cannot be used to reflect traffic at someone else. Waiting addresses live in this small
 * table of their own, capped per IP and in all (past a cap the oldest waiting address gives way:
 * forged sources cannot keep a real one out), and expire quickly: they count against no session or
 * connection limit. Single-threaded (the UDP verticle's event loop).
 */
final class AddressCheck {

  /** Bytes an unvalidated address may be sent per byte it sent. */
  static final int AMPLIFICATION = 3;
  /** At most one cookie answer a second per address. */
  private static final long ANSWER_EVERY_MS = 1000;

  private static final class Waiting {
    final String cookie;
    final long since;
    long budget;
    long answeredAt = -1;

    Waiting(String cookie, long since) {
      this.cookie = cookie;
      this.since = since;
    }
  }

  private final SecureRandom random = new SecureRandom();
  /** In arrival order, so the oldest gives way first. */
  private final LinkedHashMap<SocketAddress, Waiting> waiting = new LinkedHashMap<>();
  private final Map<String, ArrayDeque<SocketAddress>> perIp = new HashMap<>();

  /** Whether an address must validate: always, never, or unless it is a loopback address ({@code auto}). */
  static boolean required(SocketAddress sender, UdpOptions.AddressValidation mode) {
    return switch (mode) {
      case OFF -> false;
      case COOKIE -> true;
      case AUTO -> !loopback(sender.hostAddress());
    };
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * A datagram from an address not validated yet. True when it carries the address's cookie: the
   * address is valid now (and forgotten here). Otherwise the address waits, and is sent its cookie
   * when its budget allows; false.
   */
  boolean offer(SocketAddress sender, int bytes, String cookie, long now, UdpOptions options, Consumer<Buffer> send) {
    Waiting entry = waiting.get(sender);
    if (entry != null && cookie != null && MessageDigest.isEqual(
        entry.cookie.getBytes(StandardCharsets.US_ASCII), cookie.getBytes(StandardCharsets.US_ASCII))) {
      forget(sender);
      return true;
    }
    if (entry == null) {
      ArrayDeque<SocketAddress> sameIp = perIp.computeIfAbsent(sender.hostAddress(), ip -> new ArrayDeque<>());
      if (sameIp.size() >= options.unvalidatedPerIp()) {
        forget(sameIp.peekFirst());
      }
      if (waiting.size() >= options.maxSessions()) {
        forget(waiting.keySet().iterator().next());
      }
      entry = new Waiting(newCookie(), now);
      waiting.put(sender, entry);
      perIp.computeIfAbsent(sender.hostAddress(), ip -> new ArrayDeque<>()).addLast(sender);
    }
    entry.budget += (long) AMPLIFICATION * bytes;
    Buffer answer = ServerFrames.cookieWelcome(entry.cookie).toBuffer();
    if (entry.budget < answer.length()) {
      // a short line (a person typing "/join dev" into socat): the cookie alone fits the bound
      answer = ServerFrames.cookieOnly(entry.cookie).toBuffer();
    }
    if (entry.budget >= answer.length() && (entry.answeredAt < 0 || now - entry.answeredAt >= ANSWER_EVERY_MS)) {
      entry.budget -= answer.length();
      entry.answeredAt = now;
      send.accept(answer);
    }
    return false;
  }

  /** Forgets addresses that did not validate within {@code seconds}. */
  void expire(long now, int seconds) {
    Iterator<Map.Entry<SocketAddress, Waiting>> oldest = waiting.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<SocketAddress, Waiting> entry = oldest.next();
      if (now - entry.getValue().since < seconds * 1000L) {
        return;
      }
      oldest.remove();
      leaveIp(entry.getKey());
    }
  }

  int size() {
    return waiting.size();
  }

  private void forget(SocketAddress sender) {
    waiting.remove(sender);
    leaveIp(sender);
  }

  private void leaveIp(SocketAddress sender) {
    ArrayDeque<SocketAddress> sameIp = perIp.get(sender.hostAddress());
    if (sameIp != null) {
      sameIp.remove(sender);
      if (sameIp.isEmpty()) {
        perIp.remove(sender.hostAddress());
      }
    }
  }

  /** 64 random bits, base64url: 11 characters. */
  private String newCookie() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
