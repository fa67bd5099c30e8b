package io.framechat.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Loads the configuration with vertx-config: embedded defaults, then the JSON file (when one is
 * given), then the {@code FRAMECHAT_*} environment variables, then what the command line sets
 * ({@code --cluster}); later layers win. A reload goes through the same layers, so a key set on the
 * command line keeps its value.
 */
public final class ConfigLoader {

  /** How often the file store is scanned for changes, in milliseconds. */
  public static final long SCAN_PERIOD_MS = 1000;

  private ConfigLoader() {
  }

  /**
   * A retriever over the file (optional: null for none), the environment and {@code overrides} (the
   * command line's, nested like the file). Its JSON is the merged, nested configuration, still to be
   * checked by {@link #parse}.
   */
  public static ConfigRetriever retriever(Vertx vertx, String configFile, JsonObject overrides) {
    JsonObject template = FramechatConfig.DEFAULTS.toJson();
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setIncludeDefaultStores(false)
        .setScanPeriod(SCAN_PERIOD_MS);
    if (configFile != null) {
      options.addStore(new ConfigStoreOptions()
          .setType("file")
          .setFormat("json")
          .setOptional(false)
          .setConfig(new JsonObject().put("path", configFile)));
    }
    options.addStore(new ConfigStoreOptions()
        .setType("env")
        .setConfig(new JsonObject()
            .put("raw-data", true)
            .put("keys", new JsonArray(new ArrayList<>(EnvOverrides.names(template).keySet())))));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    retriever.setConfigurationProcessor(json ->
        EnvOverrides.apply(json, json.getMap(), template).mergeIn(overrides.copy(), true));
    return retriever;
  }

  /** Loads once: file and environment, checked. The retriever is closed afterwards. */
  public static Future<FramechatConfig> load(Vertx vertx, String configFile, JsonObject overrides,
      Consumer<String> warnings) {
    ConfigRetriever retriever = retriever(vertx, configFile, overrides);
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(json -> parse(json, warnings));
  }

  /** Checks merged JSON: unknown keys go to {@code warnings}; a bad value throws {@link ConfigException}. */
  public static FramechatConfig parse(JsonObject json, Consumer<String> warnings) {
    for (String key : FramechatConfig.unknownKeys(json)) {
      warnings.accept("unknown configuration key \"" + key + "\" is ignored");
    }
    return FramechatConfig.fromJson(json);
  }
}
