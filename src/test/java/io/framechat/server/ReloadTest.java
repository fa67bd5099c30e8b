package io.framechat.server;

import io.framechat.config.ConfigException;
import io.framechat.config.FramechatConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every configuration key, changed in a reload: either it takes effect (the configuration in force
 * has the new value, and nothing is said), or it is reported as needing a restart and keeps its old
 * value. No key is both, none is neither.
 */
class ReloadTest {

  /** Another valid value for a key, or null when none is found by simple changes. */
  private static Object another(JsonObject base, String key, Object value) {
    List<Object> candidates = new ArrayList<>();
    if (value instanceof Boolean flag) {
      candidates.add(!flag);
    } else if (value instanceof Number number) {
      long n = number.longValue();
      candidates.addAll(List.of(n + 1, n + 10, Math.max(0, n - 1), n * 2 + 60));
    } else if (value instanceof String text) {
      candidates.addAll(List.of("little", "drop", "cookie", "off", "jwt", "json", "request", "127.0.0.2", "room2",
          text + "x", "/" + text.replace("/", "") + "x", "a-long-enough-secret-token-" + text));
    } else if (value instanceof JsonArray list) {
      candidates.add(list.copy().add("example.org"));
      candidates.add(list.copy().add("10.0.0.9:5701"));
    }
    for (Object candidate : candidates) {
      try {
        FramechatConfig.fromJson(with(base, key, candidate));
        return candidate;
      } catch (ConfigException e) {
        // not valid for this key: try the next
      }
    }
    return null;
  }

  private static JsonObject with(JsonObject base, String key, Object value) {
    JsonObject json = base.copy();
    String[] path = key.split("\\.", -1);
    JsonObject section = json;
    for (int i = 0; i < path.length - 1; i++) {
      section = section.getJsonObject(path[i]);
    }
    section.put(path[path.length - 1], value);
    return json;
  }

  private static void walk(FramechatConfig previous, boolean cluster) {
    JsonObject base = previous.toJson();
    List<String> unclassified = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (Map.Entry<String, Object> entry : Reload.flatten(base, "").entrySet()) {
      String key = entry.getKey();
      boolean restart = Reload.fixed(key, Reload.RESTART_KEYS) || (cluster && Reload.fixed(key, Reload.CLUSTER_RESTART_KEYS));
      boolean live = Reload.fixed(key, Reload.LIVE_KEYS) && !restart;
      if (restart == live) {
        unclassified.add(key);
        continue;
      }
      Object changed = another(base, key, entry.getValue());
      if (changed == null) {
        if (live) {
          unchanged.add(key);
        }
        continue;
      }
      FramechatConfig next = FramechatConfig.fromJson(with(base, key, changed));
      List<String> needRestart = Reload.restartKeys(previous, next);
      Object inForce = Reload.flatten(Reload.keepRestartKeys(previous, next).toJson(), "").get(key);
      if (restart) {
        assertEquals(List.of(key), needRestart, key + " needs a restart and is reported");
        assertEquals(entry.getValue(), inForce, key + " keeps its value until then");
      } else {
        assertEquals(List.of(), needRestart, key + " takes effect at once");
        assertEquals(Reload.flatten(next.toJson(), "").get(key), inForce, key + " is in force");
      }
    }
    assertEquals(List.of(), unclassified, "keys neither live nor needing a restart (or both)");
    assertEquals(List.of(), unchanged, "live keys no valid change was found for");
  }

  @Test
  @DisplayName("on a single node, every key either takes effect on reload or is reported as needing a restart")
  void every_key_single_node() {
    walk(FramechatConfig.DEFAULTS, false);
  }

  @Test
  @DisplayName("in a cluster too, where the history's size and age need a restart")
  void every_key_in_a_cluster() {
    FramechatConfig cluster = FramechatConfig.fromJson(new JsonObject().put("cluster", new JsonObject().put("enabled", true)));
    walk(cluster, true);
    FramechatConfig bigger = FramechatConfig.fromJson(with(cluster.toJson(), "chat.historySize", 200));
    assertEquals(List.of("chat.historySize"), Reload.restartKeys(cluster, bigger));
  }
}
