package io.framechat.server;

import io.framechat.config.FramechatConfig;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which configuration keys a running server cannot change: the ones that shape its listeners, its
 * event loops, its cluster membership and how clients authenticate. Everything else is read at each
 * use and applies at once (TLS certificates included: they are reloaded in place).
 */
final class Reload {

  /** Keys (and whole sections, ending in '.') fixed until a restart. */
  static final List<String> RESTART_KEYS = List.of(
      "tcp.host", "tcp.port", "tcp.byteOrder", "tcp.instances", "tcp.tls.enabled",
      "udp.host", "udp.port", "udp.socketReceiveBytes",
      "http.host", "http.port", "http.tls.enabled",
      "server.eventLoopThreads", "server.logFormat",
      "auth.mode",
      "admin.bansFile",
      "cluster.");

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
    List<String> changed = new ArrayList<>();
    flatten(next.toJson(), "").forEach((key, value) -> {
      if (fixed(key) && !Objects.equals(value, before.get(key))) {
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
      String[] path = key.split("\\.");
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

  private static boolean fixed(String path) {
    for (String key : RESTART_KEYS) {
      if (key.endsWith(".") ? path.startsWith(key) : path.equals(key)) {
        return true;
      }
    }
    return false;
  }
}
