package io.framechat.k8s;

import com.marcnuri.helm.Helm;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The manifests as a cluster would get them: {@code kubectl kustomize} of a directory, or {@code helm template} of the chart. */
final class Rendered {

  static final Path K8S = Path.of("k8s");
  static final Path CHART = Path.of("charts", "framechat");

  private Rendered() {
  }

  /** {@code kubectl kustomize k8s/DIR}, parsed. */
  static List<Map<String, Object>> kustomize(String dir) {
    ProcessBuilder command = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(dir).toString()).redirectErrorStream(true);
    try {
      Process process = command.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize took over a minute");
      assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + ":\n" + out);
      return parse(out);
    } catch (IOException e) {
      return fail("kubectl is needed to render the kustomizations (.ci/run installs it): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(e);
    }
  }

  /** {@code helm template framechat charts/framechat [-f VALUES]}, parsed. */
  static List<Map<String, Object>> helm(String valuesFile) {
    var template = new Helm(CHART).template().withName("framechat");
    if (valuesFile != null) {
      template.withValuesFile(CHART.resolve(valuesFile));
    }
    return parse(template.call());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yaml)) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }

  /** Each object by {@code Kind/name}. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> byName(List<Map<String, Object>> docs) {
    Map<String, Map<String, Object>> named = new LinkedHashMap<>();
    for (Map<String, Object> doc : docs) {
      String name = (String) ((Map<String, Object>) doc.get("metadata")).get("name");
      named.put(doc.get("kind") + "/" + normalName(name), doc);
    }
    return named;
  }

  /**
   * What two renderings must agree on, without what may differ: the generated ConfigMap's hash
   * suffix, the chart's checksum annotation, the order of named list entries.
   */
  @SuppressWarnings("unchecked")
  static Object normal(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, value) -> {
        if (!"checksum/config".equals(key)) {
          out.put((String) key, normal(value));
        }
      });
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.stream().map(Rendered::normal).toList());
      if (!out.isEmpty() && out.stream().allMatch(item -> item instanceof Map<?, ?> m && m.get("name") instanceof String)) {
        out.sort(Comparator.comparing(item -> (String) ((Map<String, Object>) item).get("name")));
      }
      return out;
    }
    if (node instanceof String text) {
      return normalName(text);
    }
    return node;
  }

  private static String normalName(String name) {
    return name.replaceAll("^(framechat-config)-[a-z0-9]{10}$", "$1");
  }
}
