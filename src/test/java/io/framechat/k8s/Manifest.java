package io.framechat.k8s;

import io.framechat.config.EnvOverrides;
import io.framechat.config.FramechatConfig;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading rendered objects (by kind/name, as {@link Rendered#byName} gives them): paths, ports, a pod's configuration. */
final class Manifest {

  static final JsonObject DEFAULTS = FramechatConfig.DEFAULTS.toJson();

  private Manifest() {
  }

  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // YAML read as maps and lists: the caller says what it expects
  static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
      assertNotNull(current, "missing " + List.of(path));
    }
    return (T) current;
  }

  static Map<String, Object> container(Map<String, Map<String, Object>> objects) {
    return at(objects.get("Deployment/framechat"), "spec", "template", "spec", "containers", 0);
  }

  static JsonObject configJson(Map<String, Map<String, Object>> objects) {
    return new JsonObject((String) at(objects.get("ConfigMap/framechat-config"), "data", "config.json"));
  }

  /**
   * The configuration a pod runs with: the defaults, the ConfigMap's file over them, and the
   * Deployment's variables over that (a Secret's value stands in as {@code secret:NAME/KEY}).
   */
  static FramechatConfig config(Map<String, Map<String, Object>> objects) {
    Map<String, String> env = new HashMap<>();
    for (Map<String, Object> variable : List.<Map<String, Object>>copyOf(at(container(objects), "env"))) {
      Object value = variable.get("value");
      if (variable.get("valueFrom") instanceof Map<?, ?> from) {
        value = from.get("secretKeyRef") instanceof Map<?, ?> secret ? "secret:" + secret.get("name") + "/" + secret.get("key")
            : "10.0.0.7";
      }
      env.put((String) variable.get("name"), String.valueOf(value));
    }
    JsonObject file = DEFAULTS.copy().mergeIn(configJson(objects), true);
    return FramechatConfig.fromJson(EnvOverrides.apply(file, env, DEFAULTS));
  }

  static Map<String, Integer> namedPorts(List<Map<String, Object>> ports, String numberKey) {
    Map<String, Integer> named = new TreeMap<>();
    ports.forEach(port -> named.put((String) port.get("name"), (Integer) port.get(numberKey)));
    return named;
  }

  @SuppressWarnings("unchecked")
  static List<Integer> ports(Map<String, Object> rule) {
    List<Integer> ports = new ArrayList<>();
    ((List<Map<String, Object>>) rule.get("ports")).forEach(p -> ports.add((Integer) p.get("port")));
    return ports;
  }

  static Map<String, Object> leaves(JsonObject json, String prefix) {
    Map<String, Object> leaves = new HashMap<>();
    json.forEach(entry -> {
      if (entry.getValue() instanceof JsonObject nested) {
        leaves.putAll(leaves(nested, prefix + entry.getKey() + "."));
      } else {
        leaves.put(prefix + entry.getKey(), entry.getValue());
      }
    });
    return leaves;
  }

  static Object leaf(JsonObject json, String dotted) {
    JsonObject at = json;
    String[] path = dotted.split("\\.", -1);
    for (int i = 0; i < path.length - 1; i++) {
      at = at.getJsonObject(path[i]);
    }
    return at.getValue(path[path.length - 1]);
  }

  /** The project's version as released: pom.xml's, without -SNAPSHOT. */
  static String releaseVersion() throws IOException {
    Matcher version = Pattern.compile("<artifactId>framechat</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(version.find());
    return version.group(1).replace("-SNAPSHOT", "");
  }
}
