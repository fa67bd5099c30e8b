package io.framechat.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a rendered manifest to the Kubernetes API types (the fabric8 model, offline) and lists every
 * field the types do not know: a misspelt or misplaced key, which {@code kubectl apply} would drop or
 * refuse. The model keeps unknown fields in {@code additionalProperties}; any found there is one.
 */
final class StrictModel {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<?>> TYPES = Map.of(
      "apps/v1/Deployment", Deployment.class,
      "v1/Service", Service.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Secret", Secret.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
      "batch/v1/Job", Job.class,
      "v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);

  private StrictModel() {
  }

  /** The unknown fields of {@code manifest} (by path), or a line saying its kind is not one of ours. */
  static List<String> problems(Map<String, Object> manifest) {
    String type = manifest.get("apiVersion") + "/" + manifest.get("kind");
    Class<?> model = TYPES.get(type);
    if (model == null) {
      return List.of(type + ": not a type these manifests use");
    }
    Object bound = JSON.convertValue(manifest, model);
    List<String> problems = new ArrayList<>();
    walk(bound, type, problems, new IdentityHashMap<>());
    return problems;
  }

  private static void walk(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
    if (node == null || seen.put(node, true) != null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", problems, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, problems, seen));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          unknown.keySet().forEach(key -> problems.add(path + "." + key + ": unknown field"));
        }
        continue;
      }
      walk(value, path + "." + field(getter.getName()), problems, seen);
    }
  }

  private static String field(String getter) {
    return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
  }
}
