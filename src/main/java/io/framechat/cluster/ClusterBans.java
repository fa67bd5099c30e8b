package io.framechat.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.framechat.bans.Ban;
import io.framechat.bans.BanList;
import io.framechat.bans.BanStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bans of a cluster, in a Hazelcast map every node reads ({@value #MAP}, one backup, each entry
 * living as long as its ban): a ban made on any node holds on every node, and outlives the restart
 * of any one of them. Each node follows the map's changes into its {@link BanList}.
 */
public final class ClusterBans implements BanStore {

  static final String MAP = "framechat.bans";

  private final Vertx vertx;
  private final BanList list;
  private final IMap<String, String> map;
  private final Map<String, Ban> known = new ConcurrentHashMap<>();

  public ClusterBans(Vertx vertx, ClusterMembership membership, BanList list) {
    this.vertx = vertx;
    this.list = list;
    HazelcastInstance hazelcast = membership.hazelcast();
    this.map = hazelcast.getMap(MAP);
  }

  /** Follows the map from now on, and reads what it holds. */
  public Future<Void> start() {
    map.addEntryListener(new Follower(), true);
    return vertx.executeBlocking(() -> {
      map.forEach((id, json) -> known.put(id, Ban.fromJson(new JsonObject(json))));
      list.set(known.values());
      return null;
    }, false);
  }

  @Override
  public Future<Void> add(Ban ban) {
    long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(ban.until() - System.currentTimeMillis() + 999));
    return Future.fromCompletionStage(map.setAsync(ban.id(), ban.toJson().encode(), seconds, TimeUnit.SECONDS),
        vertx.getOrCreateContext()).onSuccess(v -> put(ban));
  }

  @Override
  public Future<Boolean> remove(String id) {
    return Future.fromCompletionStage(map.removeAsync(id), vertx.getOrCreateContext()).map(old -> {
      forget(id);
      return old != null;
    });
  }

  @Override
  public Future<List<Ban>> list() {
    return Future.succeededFuture(list.current(System.currentTimeMillis()));
  }

  private void put(Ban ban) {
    known.put(ban.id(), ban);
    list.set(known.values());
  }

  private void forget(String id) {
    if (known.remove(id) != null) {
      list.set(known.values());
    }
  }

  /** Map events, on Hazelcast's event threads. */
  private final class Follower implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
      EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
      EntryEvictedListener<String, String> {

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      put(Ban.fromJson(new JsonObject(event.getValue())));
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      put(Ban.fromJson(new JsonObject(event.getValue())));
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      forget(event.getKey());
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      forget(event.getKey());
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
      forget(event.getKey());
    }
  }
}
