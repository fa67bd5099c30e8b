package io.framechat.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.framechat.bans.Ban;
import io.framechat.bans.BanList;
import io.framechat.bans.BanStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bans of a cluster, in a Hazelcast map every node reads ({@value #MAP}, one backup, each entry
 * living as long as its ban): a ban made on any node holds on every node, and outlives the restart
 * of any one of them.
 *
 * <p>Each node follows the map's changes into its {@link BanList} in one order: only the map's
 * events change what a node knows (Hazelcast gives the events of one key in the order the key
 * changed), applied one after another on one Vert.x context. A ban added or lifted here completes
 * once its own event has been applied, so it holds on this node when the caller hears it is kept.
 * What the map held at start is taken for the keys no event has touched since.
 */
public final class ClusterBans implements BanStore {

  static final String MAP = "framechat.bans";
  /** How long a change waits for its own event before it is taken as applied anyway (and logged). */
  static final long EVENT_WAIT_MS = 5_000;
  private static final Logger LOG = Logger.getLogger(ClusterBans.class.getName());

  private final Vertx vertx;
  private final BanList list;
  private final IMap<String, String> map;
  /** The bans known here, and the changes waiting for their event: only touched on {@link #context}. */
  private final Map<String, Ban> known = new HashMap<>();
  private final Map<String, List<Awaited>> awaiting = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private Context context;
  private boolean loaded;

  public ClusterBans(Vertx vertx, ClusterMembership membership, BanList list) {
    this(vertx, membership.hazelcast().<String, String>getMap(MAP), list);
  }

  ClusterBans(Vertx vertx, IMap<String, String> map, BanList list) {
    this.vertx = vertx;
    this.list = list;
    this.map = map;
  }

  /** Follows the map from now on, and reads what it holds. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    map.addEntryListener(new Follower(), true);
    return vertx.executeBlocking(() -> {
      Map<String, String> all = new HashMap<>();
      map.forEach(all::put);
      return all;
    }, false).map(all -> {
      all.forEach((id, json) -> {
        if (!touched.contains(id)) {
          known.put(id, Ban.fromJson(new JsonObject(json)));
        }
      });
      loaded = true;
      touched.clear();
      list.set(known.values());
      return null;
    });
  }

  @Override
  public Future<Void> add(Ban ban) {
    long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(ban.until() - System.currentTimeMillis() + 999));
    String json = ban.toJson().encode();
    Future<Void> applied = awaitEvent(ban.id(), json);
    return Future.fromCompletionStage(map.setAsync(ban.id(), json, seconds, TimeUnit.SECONDS), context)
        .compose(v -> applied, e -> {
          context.runOnContext(x -> completeAwaiting(ban.id(), json));
          return Future.failedFuture(e);
        });
  }

  @Override
  public Future<Boolean> remove(String id) {
    Future<Void> applied = awaitEvent(id, null);
    return Future.fromCompletionStage(map.removeAsync(id), context).compose(old -> {
      if (old == null) {
        completeAwaiting(id, null);
      }
      return applied.map(old != null);
    });
  }

  @Override
  public Future<List<Ban>> list() {
    return Future.succeededFuture(list.current(System.currentTimeMillis()));
  }

  /**
   * Completes once an event setting {@code id} to {@code json} (null: removing it) has been applied
   * here, or after {@value #EVENT_WAIT_MS} ms.
   */
  private Future<Void> awaitEvent(String id, String json) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      awaiting.computeIfAbsent(id, k -> new ArrayList<>()).add(new Awaited(json, promise));
      vertx.setTimer(EVENT_WAIT_MS, t -> {
        List<Awaited> waiting = awaiting.get(id);
        if (waiting != null && waiting.removeIf(awaited -> awaited.promise() == promise) && waiting.isEmpty()) {
          awaiting.remove(id);
        }
        if (promise.tryComplete()) {
          LOG.warning("the change of ban " + id + " was kept but its event did not come within "
              + EVENT_WAIT_MS + " ms: it holds here once it comes");
        }
      });
    });
    return promise.future();
  }

  private void completeAwaiting(String id, String json) {
    List<Awaited> waiting = awaiting.get(id);
    if (waiting == null) {
      return;
    }
    List<Awaited> done = waiting.stream().filter(awaited -> Objects.equals(awaited.json(), json)).toList();
    waiting.removeAll(done);
    if (waiting.isEmpty()) {
      awaiting.remove(id);
    }
    done.forEach(awaited -> awaited.promise().tryComplete());
  }

  /** A change made here, waiting for its event: the value it set (null: a removal). */
  private record Awaited(String json, Promise<Void> promise) {
  }

  /** Applies one event of the map, on this node's context, in the order the events came. */
  private void apply(String id, String json) {
    context.runOnContext(v -> {
      try {
        if (json == null) {
          known.remove(id);
        } else {
          known.put(id, Ban.fromJson(new JsonObject(json)));
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "ban " + id + " in the cluster's map could not be read; it is ignored here", e);
        known.remove(id);
      }
      if (!loaded) {
        touched.add(id);
      }
      list.set(known.values());
      completeAwaiting(id, json);
    });
  }

  /** Map events, on Hazelcast's event threads (one thread for the events of one key). */
  private final class Follower implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
      EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
      EntryEvictedListener<String, String> {

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      apply(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      apply(event.getKey(), event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      apply(event.getKey(), null);
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      apply(event.getKey(), null);
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
      apply(event.getKey(), null);
    }
  }
}
