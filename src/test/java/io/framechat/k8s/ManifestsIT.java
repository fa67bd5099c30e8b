package io.framechat.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.framechat.config.EnvOverrides;
import io.framechat.config.FramechatConfig;
import io.framechat.http.HttpVerticle;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.framechat.k8s.Manifest.DEFAULTS;
import static io.framechat.k8s.Manifest.at;
import static io.framechat.k8s.Manifest.config;
import static io.framechat.k8s.Manifest.configJson;
import static io.framechat.k8s.Manifest.container;
import static io.framechat.k8s.Manifest.leaf;
import static io.framechat.k8s.Manifest.leaves;
import static io.framechat.k8s.Manifest.namedPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests as a cluster gets them ({@code kubectl kustomize} of each overlay and of
 * the smoke Job, {@code helm template} of the chart) bind to the Kubernetes API types with no unknown
 * field, the chart renders what the overlays render, and their ports, probes, config keys and
 * variables agree with conf/config.json and the code, so that none can drift from the others.
 * A process test: Helm runs in its JVM (a Go library), apart from the in-process servers of the
 * unit and socket tests.
 */
class ManifestsIT {

  private static Map<String, Map<String, Object>> dev;
  private static Map<String, Map<String, Object>> production;
  private static Map<String, Map<String, Object>> smoke;
  private static Map<String, Map<String, Object>> helmDefault;
  private static Map<String, Map<String, Object>> helmProduction;

  @BeforeAll
  static void render() {
    dev = Rendered.byName(Rendered.kustomize("overlays/dev"));
    production = Rendered.byName(Rendered.kustomize("overlays/production"));
    smoke = Rendered.byName(Rendered.kustomize("smoke"));
    helmDefault = Rendered.byName(Rendered.helm(null));
    helmProduction = Rendered.byName(Rendered.helm("values-production.yaml"));
  }

  private static List<Map<String, Map<String, Object>>> everyRendering() {
    return List.of(dev, production, smoke, helmDefault, helmProduction);
  }

  @Test
  @DisplayName("every overlay, the smoke Job and the chart (default and production values) render, and every object binds to the Kubernetes API types with no unknown field")
  void rendered_objects_are_valid_kubernetes() {
    for (Map<String, Map<String, Object>> objects : everyRendering()) {
      for (Map.Entry<String, Map<String, Object>> object : objects.entrySet()) {
        assertEquals(List.of(), StrictModel.problems(object.getValue()), object.getKey());
      }
    }
    assertEquals(Set.of("ConfigMap/framechat-config", "Deployment/framechat", "Service/framechat",
        "Service/framechat-hazelcast", "PodDisruptionBudget/framechat", "PersistentVolumeClaim/framechat-data"),
        dev.keySet());
    assertEquals(Set.of("ConfigMap/framechat-config", "Deployment/framechat", "Service/framechat",
        "Service/framechat-hazelcast", "Service/framechat-public", "PodDisruptionBudget/framechat",
        "NetworkPolicy/framechat"), production.keySet());
    assertEquals(Set.of("Job/framechat-smoke"), smoke.keySet());
  }

  @Test
  @DisplayName("a misspelt field is caught by the strict binding (the check can fail)")
  void strict_binding_catches_unknown_fields() {
    Map<String, Object> broken = Rendered.parse("""
                                                apiVersion: v1
                                                kind: Service
                                                metadata: {name: x}
                                                spec: {ports: [{port: 1, targetPortt: 2}], sessionAfinity: ClientIP}
                                                """).get(0);
    assertEquals(List.of("v1/Service.spec.ports[0].targetPortt: unknown field", "v1/Service.spec.sessionAfinity: unknown field"),
        StrictModel.problems(broken).stream().sorted().toList());
  }

  @Test
  @DisplayName("helm lint passes; the chart's defaults render what k8s/overlays/dev renders, values-production.yaml what k8s/overlays/production renders")
  void chart_renders_what_the_overlays_render() {
    LintResult lint = new Helm(Rendered.CHART).lint().strict().call();
    assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    for (var pair : List.of(Map.entry(dev, helmDefault), Map.entry(production, helmProduction))) {
      assertEquals(pair.getKey().keySet(), pair.getValue().keySet());
      pair.getKey().forEach((name, kustomized) -> {
        Map<String, Object> charted = pair.getValue().get(name);
        assertEquals(Rendered.normal(kustomized.get("spec")), Rendered.normal(charted.get("spec")), name + " spec");
        if (name.startsWith("ConfigMap/")) {
          assertEquals(configJson(pair.getKey()), configJson(pair.getValue()), name + " config.json");
        }
        Object kustomizedTemplate = ((Map<?, ?>) kustomized).get("spec") instanceof Map<?, ?> spec ? spec.get("template") : null;
        if (kustomizedTemplate != null) {
          assertEquals(Rendered.normal(kustomizedTemplate), Rendered.normal(at(charted, "spec", "template")), name + " pod template");
        }
      });
    }
  }

  @Test
  @DisplayName("each ConfigMap holds only keys that exist and differ from their defaults; production clusters on PostgreSQL, dev is one node on SQLite")
  void config_maps_hold_only_differences() {
    for (Map<String, Map<String, Object>> objects : List.of(dev, production, helmDefault, helmProduction)) {
      JsonObject file = configJson(objects);
      assertEquals(List.of(), FramechatConfig.unknownKeys(file));
      leaves(file, "").forEach((key, value) -> assertNotEquals(leaf(DEFAULTS, key), value, key + " is its default"));
      assertTrue(config(objects).http().management().enabled());
    }
    for (Map<String, Map<String, Object>> objects : List.of(production, helmProduction)) {
      assertTrue(config(objects).cluster().enabled());
      assertEquals("POSTGRES", config(objects).store().kind().name());
      assertTrue(config(objects).store().postgres().url().contains("sslmode=verify-full"), "TLS to the database");
      assertFalse(configJson(objects).getJsonObject("store").getJsonObject("postgres").containsKey("password"),
          "the password is never the ConfigMap's");
      assertEquals("secret:framechat-secrets/store-postgres-password", config(objects).store().postgres().password());
    }
    for (Map<String, Map<String, Object>> objects : List.of(dev, helmDefault)) {
      assertFalse(config(objects).cluster().enabled(), "SQLite is one node's");
      assertEquals("SQLITE", config(objects).store().kind().name());
    }
  }

  @Test
  @DisplayName("dev keeps its SQLite file on the PersistentVolumeClaim, one replica rolled out by Recreate")
  void dev_keeps_history_on_a_claim() {
    Map<String, Object> deployment = dev.get("Deployment/framechat");
    assertEquals("Recreate", at(deployment, "spec", "strategy", "type"));
    assertEquals(1, (Integer) at(deployment, "spec", "replicas"));
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    Map<String, Object> data = Manifest.<List<Map<String, Object>>>at(pod, "volumes").stream()
        .filter(v -> "data".equals(v.get("name"))).findFirst().orElseThrow();
    assertEquals("framechat-data", at(data, "persistentVolumeClaim", "claimName"));
    String mount = Manifest.<List<Map<String, Object>>>at(pod, "containers", 0, "volumeMounts").stream()
        .filter(m -> "data".equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
    assertTrue(config(dev).store().path().startsWith(mount + "/"), config(dev).store().path() + " on " + mount);
    assertEquals(List.of("ReadWriteOnce"), at(dev.get("PersistentVolumeClaim/framechat-data"), "spec", "accessModes"));
  }

  @Test
  @DisplayName("the Deployment's ports are the configured ones, its probes are the server's paths on the management port, and conf/config.json is the defaults")
  void deployment_agrees_with_config_and_code() throws IOException {
    assertEquals(DEFAULTS, new JsonObject(Files.readString(Path.of("conf", "config.json"))));
    for (Map<String, Map<String, Object>> objects : List.of(dev, production)) {
      FramechatConfig config = config(objects);
      Map<String, Integer> ports = namedPorts(at(container(objects), "ports"), "containerPort");
      assertEquals(Map.of("tcp", config.tcp().port(), "udp", config.udp().port(), "http", config.http().port(),
          "management", config.http().management().port()), Map.of("tcp", ports.get("tcp"), "udp", ports.get("udp"),
          "http", ports.get("http"), "management", ports.get("management")));
      if (config.cluster().enabled()) {
        assertEquals(Map.of("hazelcast", config.cluster().port(), "eventbus", config.cluster().eventBusPort()),
            Map.of("hazelcast", ports.get("hazelcast"), "eventbus", ports.get("eventbus")));
        assertNotEquals(0, config.cluster().eventBusPort(), "a fixed event-bus port, for the NetworkPolicy");
      }
      assertEquals(HttpVerticle.READY_PATH, at(container(objects), "readinessProbe", "httpGet", "path"));
      assertEquals(HttpVerticle.LIVE_PATH, at(container(objects), "livenessProbe", "httpGet", "path"));
      String scheme = config.http().tls().enabled() ? "HTTPS" : "HTTP";
      for (String probe : List.of("readinessProbe", "livenessProbe")) {
        assertEquals("management", at(container(objects), probe, "httpGet", "port"));
        assertEquals(scheme, at(container(objects), probe, "httpGet", "scheme"));
      }
      List<String> args = at(container(objects), "args");
      assertEquals("/etc/framechat/config.json", args.get(args.indexOf("--config") + 1));
      int grace = at(objects.get("Deployment/framechat"), "spec", "template", "spec", "terminationGracePeriodSeconds");
      List<String> preStop = at(container(objects), "lifecycle", "preStop", "exec", "command");
      assertTrue(grace > Integer.parseInt(preStop.get(1)) + config.server().drainSeconds(), "grace covers the drain");
    }
  }

  @Test
  @DisplayName("pods run hardened: not root, no privilege escalation, no capabilities, seccomp RuntimeDefault, read-only root with /tmp writable")
  void pods_are_hardened() {
    for (Map<String, Map<String, Object>> objects : List.of(dev, production, helmProduction)) {
      Map<String, Object> pod = at(objects.get("Deployment/framechat"), "spec", "template", "spec");
      assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
      assertEquals("RuntimeDefault", at(pod, "securityContext", "seccompProfile", "type"));
      assertEquals(false, at(pod, "automountServiceAccountToken"));
      Map<String, Object> container = at(pod, "containers", 0);
      assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
      assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
      assertEquals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop"));
      List<Map<String, Object>> mounts = at(container, "volumeMounts");
      assertTrue(mounts.stream().anyMatch(mount -> "/tmp".equals(mount.get("mountPath"))), "/tmp is writable");
    }
  }

  @Test
  @DisplayName("FRAMECHAT_ variables name real keys; the pod IP is the cluster host; secrets come from Secrets")
  void variables_are_known_keys() {
    Map<String, String> known = EnvOverrides.names(DEFAULTS);
    for (Map<String, Map<String, Object>> objects : List.of(dev, production)) {
      List<Map<String, Object>> env = at(container(objects), "env");
      for (Map<String, Object> variable : env) {
        String name = (String) variable.get("name");
        assertTrue(!name.startsWith(EnvOverrides.PREFIX) || known.containsKey(name), name + " is not a configuration variable");
      }
      Map<String, Object> host = env.stream().filter(v -> "FRAMECHAT_CLUSTER_HOST".equals(v.get("name"))).findFirst().orElseThrow();
      assertEquals("status.podIP", at(host, "valueFrom", "fieldRef", "fieldPath"));
      for (String secret : List.of("FRAMECHAT_AUTH_JWT_SECRET", "FRAMECHAT_ADMIN_TOKEN", "FRAMECHAT_STORE_POSTGRES_PASSWORD")) {
        Map<String, Object> variable = env.stream().filter(v -> secret.equals(v.get("name"))).findFirst().orElseThrow();
        assertEquals("framechat-secrets", at(variable, "valueFrom", "secretKeyRef", "name"));
      }
    }
  }

  @Test
  @DisplayName("the client Service has the chat ports only (not management, not the cluster ports); the headless one is discovery's, with the cluster ports")
  void services() {
    for (Map<String, Map<String, Object>> objects : List.of(dev, production)) {
      FramechatConfig config = config(objects);
      Map<String, Object> clients = objects.get("Service/framechat");
      assertEquals("ClientIP", at(clients, "spec", "sessionAffinity"));
      assertEquals(Map.of("tcp", config.tcp().port(), "udp", config.udp().port(), "http", config.http().port()),
          namedPorts(at(clients, "spec", "ports"), "port"));
      Map<String, Object> headless = objects.get("Service/framechat-hazelcast");
      assertEquals("None", at(headless, "spec", "clusterIP"));
      assertEquals(true, at(headless, "spec", "publishNotReadyAddresses"));
      if (!config.cluster().enabled()) {
        continue;
      }
      assertEquals("framechat-hazelcast", config.cluster().kubernetes().serviceDns().split("\\.", -1)[0]);
      assertEquals(Map.of("hazelcast", config.cluster().port(), "eventbus", config.cluster().eventBusPort()),
          namedPorts(at(headless, "spec", "ports"), "port"));
    }
  }

  @Test
  @DisplayName("the smoke Job, applied on its own, runs a shipped bots script against the client Service's ports")
  void smoke_job_targets_the_service() {
    FramechatConfig config = config(dev);
    List<String> args = at(smoke.get("Job/framechat-smoke"), "spec", "template", "spec", "containers", 0, "args");
    assertEquals("bots", args.get(0));
    String script = args.get(args.indexOf("--script") + 1);
    assertTrue(Files.exists(Path.of("conf").resolve(script.substring("/app/conf/".length()))), script);
    assertEquals("framechat", args.get(args.indexOf("--host") + 1));
    assertEquals(String.valueOf(config.tcp().port()), args.get(args.indexOf("--port") + 1));
    assertEquals(String.valueOf(config.udp().port()), args.get(args.indexOf("--udp-port") + 1));
  }

  @Test
  @DisplayName("one image name and tag: what mvn -Pimage builds is what the dev overlay, the smoke Job and the chart"
      + " run; production names a registry and the same tag")
  void one_image_name_and_tag() throws IOException {
    Matcher built = Pattern.compile("<image>([^<]+)</image>").matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(built.find(), "pom.xml names the image it builds");
    String image = built.group(1);
    assertEquals("framechat:" + Manifest.releaseVersion(), image);
    assertEquals(image, at(dev.get("Deployment/framechat"), "spec", "template", "spec", "containers", 0, "image"));
    assertEquals(image, at(helmDefault.get("Deployment/framechat"), "spec", "template", "spec", "containers", 0, "image"));
    assertEquals(image, at(smoke.get("Job/framechat-smoke"), "spec", "template", "spec", "containers", 0, "image"));
    String released = at(production.get("Deployment/framechat"), "spec", "template", "spec", "containers", 0, "image");
    assertTrue(released.endsWith("/" + image), released);
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("`" + image + "`"), "the README names it");
  }
}
