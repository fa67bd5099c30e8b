package io.framechat.bans;

import io.vertx.core.Future;

import java.util.List;

/**
 * Where bans are kept: a single node's memory (and file), or the cluster's shared map, which every
 * node reads and which outlives any one node. Either way the store puts every change into the
 * node's {@link BanList}.
 */
public interface BanStore {

  /** Adds (or replaces, by id) a ban; completes once it is kept. */
  Future<Void> add(Ban ban);

  /** Lifts a ban; true when there was one with that id. */
  Future<Boolean> remove(String id);

  /** The bans holding now. */
  Future<List<Ban>> list();
}
