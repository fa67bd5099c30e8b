package io.framechat.server;

import io.framechat.config.FramechatConfig;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which configuration keys a running server cannot change: the ones that shape its listeners (their
 * addresses, TLS, timeouts and what they serve), its event loops, its cluster membership and how
 * clients authenticate; in a cluster also the history's size and age, which Hazelcast fixes when the
 * node starts. Everything else ({@link #LIVE_KEYS}) is read at each use and applies at once (TLS
 * certificates included: they are reloaded in place). Every key is in one of the two lists
 * (ReloadTest walks them all).
 */
final class Reload {

  /** Keys (and whole sections, ending in '.') fixed until a restart. */
  static final List<String> RESTART_KEYS = List.of(
      "tcp.host", "tcp.port", "tcp.byteOrder", "tcp.instances", "tcp.tls.enabled", "tcp.tls.engine",
      "udp.host", "udp.port", "udp.socketReceiveBytes", "udp.sendQueueBytes", "udp.packBytes", "udp.packWaitMillis",
      "http.host", "http.port", "http.idleTimeoutSeconds", "http.publicHosts", "http.tls.enabled", "http.tls.engine",
      "http.websocket.", "http.management.",
      "server.eventLoopThreads", "server.logFormat",
      "limits.handshakeTimeoutSeconds", "limits.reservedFiles",
      "auth.mode",
      "admin.bansFile",
      "cluster.", "store.");

  /** Keys a cluster node cannot change either: Hazelcast sizes and ages the shared history from them at start. */
  static final List<String> CLUSTER_RESTART_KEYS = List.of("chat.historySize", "chat.historySeconds");

  /** Keys (and sections) read at each use: a reload applies them at once. */
  static final List<String> LIVE_KEYS = List.of(
      "tcp.maxFrameBytes", "tcp.idleTimeoutSeconds", "tcp.frameTimeoutSeconds", "tcp.sendQueueBytes",
      "tcp.slowConsumer", "tcp.tls.certPath", "tcp.tls.keyPath", "tcp.tls.clientCaPath", "tcp.tls.clientAuth",
      "udp.maxDatagramBytes", "udp.sessionIdleSeconds", "udp.maxSessions", "udp.addressValidation",
      "udp.unvalidatedPerIp", "udp.unvalidatedSeconds", "udp.floodPenaltySeconds",
      "http.tls.certPath", "http.tls.keyPath", "http.tls.clientCaPath", "http.tls.clientAuth",
      "chat.",
      "server.drainSeconds", "server.logConnections",
      "limits.messagesPerSecond", "limits.burst", "limits.maxViolations", "limits.listingsPerSecond",
      "limits.listingBurst", "limits.maxConnections", "limits.maxConnectionsPerIp", "limits.maxPendingRequests",
      "auth.timeoutSeconds", "auth.refreshGraceSeconds", "auth.expiryWarningSeconds", "auth.maxSessionsPerPerson",
      "auth.tokenRefreshUrl", "auth.jwt.",
      "admin.token", "admin.label");

  private Reload() {
  }

  /** The keys whose value differs between {@code previous} and {@code next}. */
  static List<String> changedKeys(FramechatConfig previous, FramechatConfig next) {
    Map<String, Object> before = flatten(previous.toJson(), "");
    List<String> changed = new ArrayList<>();
    flatten(next.toJson(), "").forEach((key, value) -> {
      if (!Objects.equals(value, before.get(key))) {
        changed.add(key);
      }
    });
    return changed;
  }

  /** The keys whose value differs between {@code previous} and {@code next} but needs a restart. */
  static List<String> restartKeys(FramechatConfig previous, FramechatConfig next) {
    Map<String, Object> before = flatten(previous.toJson(), "");
    boolean cluster = previous.cluster().enabled();
    List<String> changed = new ArrayList<>();
    flatten(next.toJson(), "").forEach((key, value) -> {
      if ((fixed(key, RESTART_KEYS) || (cluster && fixed(key, CLUSTER_RESTART_KEYS)))
          && !Objects.equals(value, before.get(key))) {
        changed.add(key);
      }
    });
    return changed;
  }

  /** {@code next}, with the restart keys put back to their {@code previous} values. */
  static FramechatConfig keepRestartKeys(FramechatConfig previous, FramechatConfig next) {
    Map<String, Object> before = flatten(previous.toJson(), "");
    JsonObject merged = next.toJson();
    for (String key : restartKeys(previous, next)) {
      String[] path = key.split("\\.", -1);
      JsonObject section = merged;
      for (int i = 0; i < path.length - 1; i++) {
        section = section.getJsonObject(path[i]);
      }
      section.put(path[path.length - 1], before.get(key));
    }
    return FramechatConfig.fromJson(merged);
  }

  /** Every key of nested JSON as a dotted path, with its value. */
  static Map<String, Object> flatten(JsonObject json, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    json.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject section) {
        out.putAll(flatten(section, prefix + entry.getKey() + "."));
      } else {
        out.put(prefix + entry.getKey(), entry.getValue());
      }
    });
    return out;
  }

  /** Whether {@code path} is one of {@code keys}, or in one of its sections. */
  static boolean fixed(String path, List<String> keys) {
    for (String key : keys) {
      if (key.endsWith(".") ? path.startsWith(key) : path.equals(key)) {
        return true;
      }
    }
    return false;
  }
}
