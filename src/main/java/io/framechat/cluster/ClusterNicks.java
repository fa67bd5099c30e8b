package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The cluster-wide registry of chosen nicks: the Hazelcast map {@value #MAP}, nick key to
 * {@code node/client}. A claim is a {@code putIfAbsent}; an entry held by a node that is no longer a
 * member is stale and taken over. Every change is conditional on the entry's owner, so a node can
 * only ever remove its own claims, or those of a node that is gone.
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

  /** True when {@code client} of this node holds the nick now. */
  Future<Boolean> claim(String nickKey, long client) {
    String owner = owner(node, client);
    return registry.putIfAbsent(nickKey, owner).compose(existing -> {
      if (existing == null || existing.equals(owner)) {
        return Future.succeededFuture(true);
      }
      String holder = existing.substring(0, existing.lastIndexOf('/'));
      if (members.get().contains(holder)) {
        return Future.succeededFuture(false);
      }
      // held by a node that is gone: the entry is stale
      return registry.replaceIfPresent(nickKey, existing, owner);
    });
  }

  void release(String nickKey, long client) {
    release(node, nickKey, client);
  }

  /**
   * Takes the nick whoever holds it; {@code closeHolder} is told the node and client that held it,
   * if a live one did, to close it.
   */
  Future<Boolean> takeOver(String nickKey, long client, BiConsumer<String, Long> closeHolder) {
    String owner = owner(node, client);
    return registry.get(nickKey).compose(existing -> {
      if (existing != null && !existing.equals(owner)) {
        int slash = existing.lastIndexOf('/');
        String holder = existing.substring(0, slash);
        if (members.get().contains(holder) && !holder.equals(node)) {
          closeHolder.accept(holder, Long.parseLong(existing.substring(slash + 1)));
        }
      }
      return registry.put(nickKey, owner).map(true);
    });
  }

  /** Frees a nick held by a client of {@code ofNode} (a dead node's), if it still holds it. */
  void release(String ofNode, String nickKey, long client) {
    registry.removeIfPresent(nickKey, owner(ofNode, client));
  }

  private static String owner(String node, long client) {
    return node + "/" + client;
  }
}
