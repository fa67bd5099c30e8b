package io.framechat.server;

import io.framechat.config.FramechatConfig;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Which configuration keys a running server cannot change: the ones that shape its listeners, its
 * event loops and its cluster membership. Everything else is read at each use and applies at once.
 */
final class Reload {

  /** Keys (and whole sections, ending in '.') fixed until a restart. */
  static final List<String> RESTART_KEYS = List.of(
      "tcp.host", "tcp.port", "tcp.byteOrder", "tcp.instances",
      "udp.host", "udp.port",
      "http.host", "http.port",
      "server.eventLoopThreads",
      "cluster.");

  private Reload() {
  }

  /** The keys whose value differs between {@code previous} and {@code next} but needs a restart. */
  static List<String> restartKeys(FramechatConfig previous, FramechatConfig next) {
    List<String> changed = new ArrayList<>();
    JsonObject before = previous.toJson();
    JsonObject after = next.toJson();
    for (String section : after.fieldNames()) {
      JsonObject a = before.getJsonObject(section);
      JsonObject b = after.getJsonObject(section);
      for (String key : b.fieldNames()) {
        String path = section + "." + key;
        if (fixed(path) && !b.getValue(key).equals(a.getValue(key))) {
          changed.add(path);
        }
      }
    }
    return changed;
  }

  /** {@code next}, with the restart keys put back to their {@code previous} values. */
  static FramechatConfig keepRestartKeys(FramechatConfig previous, FramechatConfig next) {
    JsonObject before = previous.toJson();
    JsonObject merged = next.toJson();
    for (String section : merged.fieldNames()) {
      JsonObject target = merged.getJsonObject(section);
      for (String key : target.fieldNames().toArray(new String[0])) {
        if (fixed(section + "." + key)) {
          target.put(key, before.getJsonObject(section).getValue(key));
        }
      }
    }
    return FramechatConfig.fromJson(merged);
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
