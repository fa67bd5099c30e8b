package io.framechat.k8s;

import io.framechat.config.FramechatConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.framechat.k8s.Manifest.at;
import static io.framechat.k8s.Manifest.config;
import static io.framechat.k8s.Manifest.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production overlay as {@code kubectl kustomize} renders it: spread, TLS and logins from
 * Secrets, a release image, a load balancer keeping client addresses, a NetworkPolicy. A process
 * test, as {@link ManifestsIT}.
 */
class ProductionManifestIT {

  private static Map<String, Map<String, Object>> dev;
  private static Map<String, Map<String, Object>> production;

  @BeforeAll
  static void render() {
    dev = Rendered.byName(Rendered.kustomize("overlays/dev"));
    production = Rendered.byName(Rendered.kustomize("overlays/production"));
  }

  @Test
  @DisplayName("production: 3 replicas spread over nodes and zones, TLS (clients and event bus) and logins on from Secrets, a release image tag, TCP and UDP on a load balancer keeping client addresses, and a NetworkPolicy")
  void production_overlay() throws IOException {
    Map<String, Object> pod = at(production.get("Deployment/framechat"), "spec", "template", "spec");
    assertEquals(3, (Integer) at(production.get("Deployment/framechat"), "spec", "replicas"));
    assertEquals(1, (Integer) at(dev.get("Deployment/framechat"), "spec", "replicas"));
    List<Map<String, Object>> spread = at(pod, "topologySpreadConstraints");
    assertEquals(Map.of("kubernetes.io/hostname", "DoNotSchedule", "topology.kubernetes.io/zone", "ScheduleAnyway"),
        Map.of((String) spread.get(0).get("topologyKey"), spread.get(0).get("whenUnsatisfiable"),
            (String) spread.get(1).get("topologyKey"), spread.get(1).get("whenUnsatisfiable")));

    FramechatConfig config = config(production);
    assertTrue(config.tcp().tls().enabled() && config.http().tls().enabled());
    assertEquals(FramechatConfig.DEFAULTS.auth().mode().getDeclaringClass(), config.auth().mode().getDeclaringClass());
    assertEquals("JWT", config.auth().mode().name());
    Map<String, Object> tls = Manifest.<List<Map<String, Object>>>at(pod, "volumes").stream()
        .filter(v -> "tls".equals(v.get("name"))).findFirst().orElseThrow();
    assertEquals("framechat-tls", at(tls, "secret", "secretName"));
    String mount = Manifest.<List<Map<String, Object>>>at(pod, "containers", 0, "volumeMounts").stream()
        .filter(m -> "tls".equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
    assertEquals(Path.of(mount, "tls.crt").toString(), config.tcp().tls().certPath());
    assertEquals(Path.of(mount, "tls.key").toString(), config.http().tls().keyPath());
    assertTrue(config.cluster().tls().enabled(), "mutual TLS on the event bus");
    Map<String, Object> busTls = Manifest.<List<Map<String, Object>>>at(pod, "volumes").stream()
        .filter(v -> "cluster-tls".equals(v.get("name"))).findFirst().orElseThrow();
    assertEquals("framechat-cluster-tls", at(busTls, "secret", "secretName"));
    String busMount = Manifest.<List<Map<String, Object>>>at(pod, "containers", 0, "volumeMounts").stream()
        .filter(m -> "cluster-tls".equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
    assertEquals(List.of(Path.of(busMount, "tls.crt").toString(), Path.of(busMount, "tls.key").toString(),
        Path.of(busMount, "ca.crt").toString()),
        List.of(config.cluster().tls().certPath(), config.cluster().tls().keyPath(), config.cluster().tls().caPath()));

    String caMount = Manifest.<List<Map<String, Object>>>at(pod, "containers", 0, "volumeMounts").stream()
        .filter(m -> "postgres-ca".equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst().orElseThrow();
    assertEquals(Path.of(caMount, "ca.crt").toString(), config.store().postgres().caPath(), "the database's CA");

    String image = at(pod, "containers", 0, "image");
    assertFalse(image.contains("SNAPSHOT"), image);
    assertEquals(Manifest.releaseVersion(), image.substring(image.lastIndexOf(':') + 1), "the image tag is the project's version");
    assertTrue(image.contains("/"), "a registry is named: " + image);

    Map<String, Object> public_ = production.get("Service/framechat-public");
    assertEquals("LoadBalancer", at(public_, "spec", "type"));
    assertEquals("Local", at(public_, "spec", "externalTrafficPolicy"));
    Map<String, String> protocols = new TreeMap<>();
    Manifest.<List<Map<String, Object>>>at(public_, "spec", "ports").forEach(p -> protocols.put(String.valueOf(p.get("targetPort")), (String) p.get("protocol")));
    assertEquals(Map.of("tcp", "TCP", "udp", "UDP", "http", "TCP"), protocols);

    List<Map<String, Object>> ingress = at(production.get("NetworkPolicy/framechat"), "spec", "ingress");
    assertEquals(List.of(config.tcp().port(), config.udp().port(), config.http().port()), ports(ingress.get(0)));
    assertFalse(ingress.get(0).containsKey("from"), "clients from anywhere");
    assertEquals(List.of(config.http().management().port()), ports(ingress.get(1)));
    assertEquals("prometheus", at(ingress.get(1), "from", 0, "podSelector", "matchLabels", "app.kubernetes.io/name"));
    assertEquals(List.of(config.cluster().port(), config.cluster().eventBusPort()), ports(ingress.get(2)));
    assertEquals("framechat", at(ingress.get(2), "from", 0, "podSelector", "matchLabels", "app"));
  }
}
