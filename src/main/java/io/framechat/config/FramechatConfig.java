package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, one immutable record per section, bound from the nested JSON of
 * {@code conf/config.json}. Every key has a default: {@code fromJson(new JsonObject())} equals
 * {@link #DEFAULTS}. Being immutable, a configuration can be handed to any thread, and a reload
 * replaces it whole.
 */
public record FramechatConfig(TcpOptions tcp, UdpOptions udp, HttpOptions http, ChatOptions chat,
    ServerOptions server, ClusterOptions cluster, LimitsOptions limits, AuthOptions auth, AdminOptions admin,
    StoreOptions store) {

  public static final FramechatConfig DEFAULTS = new FramechatConfig(TcpOptions.DEFAULTS, UdpOptions.DEFAULTS,
      HttpOptions.DEFAULTS, ChatOptions.DEFAULTS, ServerOptions.DEFAULTS, ClusterOptions.DEFAULTS,
      LimitsOptions.DEFAULTS, AuthOptions.DEFAULTS, AdminOptions.DEFAULTS, StoreOptions.DEFAULTS);

  /** What no one section can check: an SQLite file is one node's, so a cluster does not take one. */
  public FramechatConfig {
    if (cluster.enabled() && store.kind() == StoreOptions.Kind.SQLITE) {
      throw new ConfigException("store.kind", "sqlite cannot be shared by a cluster: use postgres or memory");
    }
  }

  /** Reads every section; throws {@link ConfigException} naming the first bad key. Unknown keys are ignored. */
  public static FramechatConfig fromJson(JsonObject json) {
    return ConfigBinder.bind("", DEFAULTS, json, FramechatConfig.class);
  }

  /** Every key of every section with its value, as in {@code conf/config.json}. */
  public JsonObject toJson() {
    return ConfigBinder.toJson(this);
  }

  /**
   * The keys of {@code json} that no section knows, as dotted paths ({@code tcp.prot}). The server
   * logs them as warnings: a typo must not go unnoticed, nor stop a server that a newer file configures.
   */
  public static List<String> unknownKeys(JsonObject json) {
    List<String> unknown = new ArrayList<>();
    collectUnknown(DEFAULTS.toJson(), json, "", unknown);
    return unknown;
  }

  private static void collectUnknown(JsonObject known, JsonObject given, String prefix, List<String> out) {
    for (Map.Entry<String, Object> entry : given) {
      String path = prefix + entry.getKey();
      Object template = known.getValue(entry.getKey());
      if (template == null) {
        out.add(path);
      } else if (template instanceof JsonObject section && entry.getValue() instanceof JsonObject value) {
        collectUnknown(section, value, path + ".", out);
      }
    }
  }
}
