package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The cluster-wide registry of chosen nicks: the Hazelcast map {@value #MAP}, from each key of a
 * nick (look-alikes share one) to its holder, {@code node/client/subject} (the subject a token
 * logged the client in as, URL-encoded; empty without one). A claim is a {@code putIfAbsent} of
 * every key, given back whole when one of them is held by another; an entry held by a node that is
 * no longer a member is stale and taken over. Every change is conditional on the entry's holder, so
 * a node can only ever remove its own claims, or those of a node that is gone.
 */
final class ClusterNicks {

  static final String MAP = "framechat.nicks";

  private final String node;
  private final Supplier<List<String>> members;
  private AsyncMap<String, String> registry;

  /** @param members the ids of the nodes in the cluster now */
  ClusterNicks(String node, Supplier<List<String>> members) {
    this.node = node;
    this.members = members;
  }

  Future<Void> start(Vertx vertx) {
    return vertx.sharedData().<String, String>getAsyncMap(MAP).map(map -> {
      registry = map;
      return null;
    });
  }

  /** True when {@code client} of this node holds the nick now, under all its keys. */
  Future<Boolean> claim(List<String> keys, long client, String subject) {
    String holder = holder(node, client, subject);
    List<String> taken = new ArrayList<>();
    Future<Boolean> all = Future.succeededFuture(true);
    for (String key : keys) {
      all = all.compose(ok -> !ok ? Future.succeededFuture(false) : claim(key, holder).map(claimed -> {
        if (claimed) {
          taken.add(key);
        }
        return claimed;
      }));
    }
    return all.andThen(done -> {
      if (done.failed() || !done.result()) {
        taken.forEach(key -> registry.removeIfPresent(key, holder));
      }
    });
  }

  private Future<Boolean> claim(String key, String holder) {
    return registry.putIfAbsent(key, holder).compose(existing -> {
      if (existing == null || existing.equals(holder)) {
        return Future.succeededFuture(true);
      }
      if (members.get().contains(nodeOf(existing))) {
        return Future.succeededFuture(false);
      }
      // held by a node that is gone: the entry is stale
      return registry.replaceIfPresent(key, existing, holder);
    });
  }

  void release(List<String> keys, long client) {
    release(node, keys, client);
  }

  /**
   * Takes the nick from whoever holds it as the same {@code subject}; {@code closeHolder} is told the
   * node and client that held it, if a live one did, to close it. False (and nothing taken) when a
   * live client of another subject holds any of its keys.
   */
  Future<Boolean> takeOver(List<String> keys, long client, String subject, BiConsumer<String, Long> closeHolder) {
    String holder = holder(node, client, subject);
    List<Future<String>> current = keys.stream().map(registry::get).toList();
    return Future.all(current).compose(read -> {
      List<String> replaced = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        String existing = read.resultAt(i);
        if (existing == null || existing.equals(holder) || !members.get().contains(nodeOf(existing))) {
          continue;
        }
        if (!subjectOf(existing).equals(subject)) {
          return Future.succeededFuture(false);
        }
        replaced.add(existing);
      }
      replaced.stream().distinct().filter(existing -> !nodeOf(existing).equals(node))
          .forEach(existing -> closeHolder.accept(nodeOf(existing), clientOf(existing)));
      return Future.all(keys.stream().map(key -> registry.put(key, holder)).toList()).map(true);
    });
  }

  /** Frees a nick held by a client of {@code ofNode} (a dead node's), under whichever keys it still holds. */
  void release(String ofNode, List<String> keys, long client) {
    for (String key : keys) {
      registry.get(key).onSuccess(existing -> {
        if (existing != null && nodeOf(existing).equals(ofNode) && clientOf(existing) == client) {
          registry.removeIfPresent(key, existing);
        }
      });
    }
  }

  private static String holder(String node, long client, String subject) {
    return node + "/" + client + "/" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  private static String nodeOf(String holder) {
    return holder.substring(0, holder.indexOf('/'));
  }

  private static long clientOf(String holder) {
    int first = holder.indexOf('/');
    int second = holder.indexOf('/', first + 1);
    return Long.parseLong(second < 0 ? holder.substring(first + 1) : holder.substring(first + 1, second));
  }

  private static String subjectOf(String holder) {
    int second = holder.indexOf('/', holder.indexOf('/') + 1);
    return second < 0 ? "" : URLDecoder.decode(holder.substring(second + 1), StandardCharsets.UTF_8);
  }
}
