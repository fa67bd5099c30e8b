package io.framechat.k8s;

import io.framechat.config.EnvOverrides;
import io.framechat.config.FramechatConfig;
import io.framechat.http.HttpVerticle;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests parse, and their ports, probe paths, config keys and variables agree
 * with conf/config.json and the code, so that neither can drift from the other.
 */
class ManifestsTest {

  private static final Path K8S = Path.of("k8s");
  private static final Map<String, Map<String, Object>> BY_KIND = new HashMap<>();
  private static JsonObject k8sConfig;
  private static FramechatConfig config;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
    for (Object resource : (List<Object>) kustomization.get("resources")) {
      Path file = K8S.resolve((String) resource);
      assertTrue(Files.exists(file), "kustomization lists " + file);
      for (Object doc : new Yaml().loadAll(Files.readString(file))) {
        Map<String, Object> manifest = (Map<String, Object>) doc;
        String name = (String) ((Map<String, Object>) manifest.get("metadata")).get("name");
        BY_KIND.put(manifest.get("kind") + "/" + name, manifest);
      }
    }
    Map<String, Object> configMap = BY_KIND.get("ConfigMap/framechat-config");
    assertNotNull(configMap, "ConfigMap framechat-config");
    k8sConfig = new JsonObject((String) ((Map<String, Object>) configMap.get("data")).get("config.json"));
    config = FramechatConfig.fromJson(k8sConfig);
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
      assertNotNull(current, "missing " + List.of(path));
    }
    return (T) current;
  }

  private static Set<String> keys(JsonObject json, String prefix) {
    Set<String> keys = new TreeSet<>();
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      if (value instanceof JsonObject nested) {
        keys.addAll(keys(nested, prefix + field + "."));
      } else {
        keys.add(prefix + field);
      }
    }
    return keys;
  }

  private static Map<String, Object> container() {
    return at(BY_KIND.get("Deployment/framechat"), "spec", "template", "spec", "containers", 0);
  }

  private static Map<String, Integer> containerPorts() {
    Map<String, Integer> ports = new HashMap<>();
    for (Map<String, Object> port : List.<Map<String, Object>>copyOf(at(container(), "ports"))) {
      ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
    }
    return ports;
  }

  @Test
  @DisplayName("every manifest the kustomization lists parses, and all the expected objects are there")
  void manifests_parse() {
    for (String expected : List.of("ConfigMap/framechat-config", "Deployment/framechat", "Service/framechat",
        "Service/framechat-hazelcast", "PodDisruptionBudget/framechat", "Job/framechat-smoke")) {
      assertTrue(BY_KIND.containsKey(expected), expected + " in " + BY_KIND.keySet());
    }
    assertEquals(3, (Integer) at(BY_KIND.get("Deployment/framechat"), "spec", "replicas"));
  }

  @Test
  @DisplayName("the ConfigMap's config.json has exactly the keys of conf/config.json, all valid")
  void config_map_has_the_same_keys() throws IOException {
    JsonObject shipped = new JsonObject(Files.readString(Path.of("conf", "config.json")));
    assertEquals(keys(shipped, ""), keys(k8sConfig, ""));
    assertEquals(List.of(), FramechatConfig.unknownKeys(k8sConfig));
    assertTrue(config.cluster().enabled());
  }

  @Test
  @DisplayName("the Deployment's ports are the configured ones, and its probes are paths the server serves")
  void deployment_agrees_with_config_and_code() {
    Map<String, Integer> ports = containerPorts();
    assertEquals(config.tcp().port(), ports.get("tcp"));
    assertEquals(config.udp().port(), ports.get("udp"));
    assertEquals(config.http().port(), ports.get("http"));
    assertEquals(config.cluster().port(), ports.get("hazelcast"));
    assertEquals(HttpVerticle.READY_PATH, at(container(), "readinessProbe", "httpGet", "path"));
    assertEquals(HttpVerticle.LIVE_PATH, at(container(), "livenessProbe", "httpGet", "path"));
    assertTrue(ports.containsKey(at(container(), "readinessProbe", "httpGet", "port")));
    assertTrue(ports.containsKey(at(container(), "livenessProbe", "httpGet", "port")));
    List<String> args = at(container(), "args");
    assertEquals("/etc/framechat/config.json", args.get(args.indexOf("--config") + 1));
    assertEquals("/etc/framechat", at(container(), "volumeMounts", 0, "mountPath"));
  }

  @Test
  @DisplayName("every FRAMECHAT_ variable the Deployment sets names a real key; the pod IP is the cluster host")
  void deployment_variables_are_known_keys() {
    Map<String, String> known = EnvOverrides.names(FramechatConfig.DEFAULTS.toJson());
    List<String> names = new ArrayList<>();
    for (Map<String, Object> env : List.<Map<String, Object>>copyOf(at(container(), "env"))) {
      String name = (String) env.get("name");
      names.add(name);
      if (name.startsWith(EnvOverrides.PREFIX)) {
        assertTrue(known.containsKey(name), name + " is not a configuration variable");
      }
    }
    assertTrue(names.contains("FRAMECHAT_CLUSTER_HOST"));
    Map<String, Object> host = List.<Map<String, Object>>copyOf(at(container(), "env")).get(names.indexOf("FRAMECHAT_CLUSTER_HOST"));
    assertEquals("status.podIP", at(host, "valueFrom", "fieldRef", "fieldPath"));
  }

  @Test
  @DisplayName("the grace period covers the preStop pause and server.drainSeconds")
  void grace_period_covers_the_drain() {
    int grace = at(BY_KIND.get("Deployment/framechat"), "spec", "template", "spec", "terminationGracePeriodSeconds");
    List<String> preStop = at(container(), "lifecycle", "preStop", "exec", "command");
    int pause = Integer.parseInt(preStop.get(1));
    assertTrue(grace > pause + config.server().drainSeconds(),
        "grace " + grace + " s <= preStop " + pause + " s + drain " + config.server().drainSeconds() + " s");
  }

  @Test
  @DisplayName("the Service exposes the container's TCP, UDP and HTTP ports with ClientIP affinity for UDP sessions")
  void service_exposes_the_ports() {
    Map<String, Object> service = BY_KIND.get("Service/framechat");
    assertEquals("ClientIP", at(service, "spec", "sessionAffinity"));
    Map<String, Integer> ports = containerPorts();
    Map<String, String> protocols = new HashMap<>();
    for (Map<String, Object> port : List.<Map<String, Object>>copyOf(at(service, "spec", "ports"))) {
      String target = (String) port.get("targetPort");
      assertTrue(ports.containsKey(target), "targetPort " + target);
      assertEquals(ports.get(target), port.get("port"), "Service port " + target + " is the container's");
      protocols.put(target, (String) port.get("protocol"));
    }
    assertEquals("TCP", protocols.get("tcp"));
    assertEquals("UDP", protocols.get("udp"));
    assertEquals("TCP", protocols.get("http"));
  }

  @Test
  @DisplayName("the headless Service is the one cluster.kubernetes.serviceDns names, on the Hazelcast port")
  void headless_service_matches_discovery() {
    Map<String, Object> headless = BY_KIND.get("Service/framechat-hazelcast");
    assertEquals("None", at(headless, "spec", "clusterIP"));
    assertEquals(true, at(headless, "spec", "publishNotReadyAddresses"));
    String dns = config.cluster().kubernetes().serviceDns();
    assertEquals("framechat-hazelcast", dns.split("\\.")[0]);
    assertEquals(config.cluster().port(), (Integer) at(headless, "spec", "ports", 0, "port"));
  }

  @Test
  @DisplayName("the smoke Job runs a shipped bots script against the Service's ports")
  void smoke_job_targets_the_service() {
    List<String> args = at(BY_KIND.get("Job/framechat-smoke"), "spec", "template", "spec", "containers", 0, "args");
    assertEquals("bots", args.get(0));
    String script = args.get(args.indexOf("--script") + 1);
    assertTrue(script.startsWith("/app/conf/"), script);
    assertTrue(Files.exists(Path.of("conf").resolve(script.substring("/app/conf/".length()))), script);
    assertEquals("framechat", args.get(args.indexOf("--host") + 1));
    assertEquals(String.valueOf(config.tcp().port()), args.get(args.indexOf("--port") + 1));
    assertEquals(String.valueOf(config.udp().port()), args.get(args.indexOf("--udp-port") + 1));
  }
}
