package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The cluster-wide registry of chosen nicks: the Hazelcast map {@value #MAP}, from each key of a
 * nick (look-alikes share one) to its {@link Holder}: node, client, when it was claimed and the
 * subject a token logged the client in as. A claim is a {@code putIfAbsent} of every key, given back
 * whole when one of them is held by another. An entry is stale, and taken over, when its node is no
 * longer a member, or when its node no longer has the client (a release that failed) and the claim
 * is older than {@value #STALE_AFTER_MS} ms (so a claim made a moment ago, whose client this node
 * has not heard of yet, is never taken for stale); a stale holder released while it is being taken
 * over (a dead node's nicks are) makes the claim look again. A release that fails is tried again.
 * Every change is conditional on the entry's holder, so a node can only ever remove its own claims,
 * or stale ones.
 */
final class ClusterNicks {

  static final String MAP = "framechat.nicks";
  /** A claim this old whose client its node no longer has is stale. */
  static final long STALE_AFTER_MS = 10_000;
  private static final int RELEASE_ATTEMPTS = 5;
  /** Looks at a key again when the stale holder it was to replace was gone by then (released). */
  private static final int CLAIM_ATTEMPTS = 3;
  private static final long RELEASE_RETRY_MS = 500;
  private static final Logger LOG = Logger.getLogger(ClusterNicks.class.getName());

  /** Who holds a nick: a client of a node, claimed at a moment, logged in as a subject (or none). */
  record Holder(String node, long client, long since, String subject) {

    String encode() {
      return node + "/" + client + "/" + since + "/" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    static Holder parse(String value) {
      String[] parts = value.split("/", 4);
      return new Holder(parts[0], Long.parseLong(parts[1]), parts.length > 2 ? Long.parseLong(parts[2]) : 0,
          parts.length > 3 ? URLDecoder.decode(parts[3], StandardCharsets.UTF_8) : "");
    }

    boolean sameClient(String otherNode, long otherClient) {
      return node.equals(otherNode) && client == otherClient;
    }
  }

  /** Whether a node has a client now, as far as this node knows (true when it cannot tell). */
  interface Clients {
    boolean has(String node, long client);
  }

  private final Vertx vertx;
  private final String node;
  private final Supplier<List<String>> members;
  private final Clients clients;
  private AsyncMap<String, String> registry;

  /** @param members the ids of the nodes in the cluster now */
  ClusterNicks(Vertx vertx, String node, Supplier<List<String>> members, Clients clients) {
    this.vertx = vertx;
    this.node = node;
    this.members = members;
    this.clients = clients;
  }

  Future<Void> start() {
    return vertx.sharedData().<String, String>getAsyncMap(MAP).map(map -> {
      registry = map;
      return null;
    });
  }

  /** True when {@code client} of this node holds the nick now, under all its keys. */
  Future<Boolean> claim(List<String> keys, long client, String subject) {
    Holder mine = new Holder(node, client, System.currentTimeMillis(), subject);
    List<String> taken = new ArrayList<>();
    Future<Boolean> all = Future.succeededFuture(true);
    for (String key : keys) {
      all = all.compose(ok -> !ok ? Future.succeededFuture(false) : claim(key, mine).map(claimed -> {
        if (claimed) {
          taken.add(key);
        }
        return claimed;
      }));
    }
    return all.andThen(done -> {
      if (done.failed() || !done.result()) {
        taken.forEach(key -> release(key, mine, 1));
      }
    });
  }

  private Future<Boolean> claim(String key, Holder mine) {
    return claim(key, mine, CLAIM_ATTEMPTS);
  }

  private Future<Boolean> claim(String key, Holder mine, int attempts) {
    String encoded = mine.encode();
    return registry.putIfAbsent(key, encoded).compose(existing -> {
      if (existing == null) {
        return Future.succeededFuture(true);
      }
      Holder holder = Holder.parse(existing);
      if (holder.sameClient(mine.node(), mine.client())) {
        return Future.succeededFuture(true);
      }
      if (!stale(holder)) {
        return Future.succeededFuture(false);
      }
      // the stale holder may be released meanwhile (a dead node's nicks are): then look again
      return registry.replaceIfPresent(key, existing, encoded).compose(replaced -> replaced || attempts <= 1
          ? Future.succeededFuture(replaced) : claim(key, mine, attempts - 1));
    });
  }

  /** Whether a holder can be taken over: its node is gone, or has long not had the client. */
  private boolean stale(Holder holder) {
    if (!members.get().contains(holder.node())) {
      return true;
    }
    return System.currentTimeMillis() - holder.since() > STALE_AFTER_MS && !clients.has(holder.node(), holder.client());
  }

  void release(List<String> keys, long client) {
    release(node, keys, client);
  }

  /**
   * Claims the nick for a session of {@code subject}, even where another session of the same subject
   * holds it (nobody is closed: they are sessions of one person). False (and nothing taken) when a
   * live client of another subject holds any of its keys.
   */
  Future<Boolean> takeOver(List<String> keys, long client, String subject) {
    String mine = new Holder(node, client, System.currentTimeMillis(), subject).encode();
    List<Future<String>> current = keys.stream().map(registry::get).toList();
    return Future.all(current).compose(read -> {
      for (int i = 0; i < keys.size(); i++) {
        String existing = read.resultAt(i);
        if (existing != null) {
          Holder holder = Holder.parse(existing);
          if (!holder.sameClient(node, client) && !stale(holder) && !holder.subject().equals(subject)) {
            return Future.succeededFuture(false);
          }
        }
      }
      return Future.all(keys.stream().map(key -> registry.put(key, mine)).toList()).map(true);
    });
  }

  /**
   * Passes the claims {@code client} of this node holds to another session of the same person, the
   * client {@code toClient} of {@code toNode}; a claim held by someone else by now is left alone.
   */
  void handOver(List<String> keys, long client, String toNode, long toClient) {
    for (String key : keys) {
      registry.get(key).onComplete(read -> {
        if (read.failed()) {
          LOG.warning("the holder of a nick key could not be read to hand it over: " + read.cause().getMessage());
        } else if (read.result() != null && Holder.parse(read.result()).sameClient(node, client)) {
          Holder held = Holder.parse(read.result());
          String heir = new Holder(toNode, toClient, System.currentTimeMillis(), held.subject()).encode();
          registry.replaceIfPresent(key, read.result(), heir).onFailure(e -> LOG.warning(
              "a nick could not be handed to another session (" + e.getMessage() + "): it is taken over once stale"));
        }
      });
    }
  }

  /** Frees a nick held by a client of {@code ofNode} (a dead node's), under whichever keys it still holds. */
  void release(String ofNode, List<String> keys, long client) {
    for (String key : keys) {
      registry.get(key).onComplete(read -> {
        if (read.failed()) {
          LOG.warning("the holder of a nick key could not be read to release it: " + read.cause().getMessage());
        } else if (read.result() != null && Holder.parse(read.result()).sameClient(ofNode, client)) {
          release(key, Holder.parse(read.result()), 1);
        }
      });
    }
  }

  /** Removes one key if {@code holder} still holds it; a failure is tried again, a few times, then logged. */
  private void release(String key, Holder holder, int attempt) {
    registry.removeIfPresent(key, holder.encode()).onFailure(e -> {
      if (attempt >= RELEASE_ATTEMPTS) {
        LOG.warning("a nick could not be released after " + attempt + " attempts (" + e.getMessage()
            + "): it is taken over once stale");
      } else {
        vertx.setTimer(RELEASE_RETRY_MS * attempt, t -> release(key, holder, attempt + 1));
      }
    });
  }
}
