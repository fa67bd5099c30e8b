package io.framechat.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one node holds: its clients (nick and rooms) and each room's members in join order. Kept for
 * every other node from the deltas it publishes, and for this node itself (to answer snapshots).
 */
final class NodeView {

  /** One client of the node. */
  static final class Member {
    String nick;
    final LinkedHashSet<String> rooms = new LinkedHashSet<>();

    Member(String nick) {
      this.nick = nick;
    }
  }

  final String node;
  final Map<Long, Member> members = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> rooms = new HashMap<>();
  /** Sequence number of the last batch applied. */
  long seq;
  /** False until a snapshot (or the node's first batch) gave a complete starting point. */
  boolean ready;
  /** Batches that arrived before the snapshot, to apply after it (at most {@code cluster.maxEarlyBatches}). */
  final List<io.vertx.core.buffer.Buffer> early = new ArrayList<>();
  /** A snapshot request is out; how many in a row failed. */
  boolean snapshotPending;
  int snapshotFailures;

  NodeView(String node) {
    this.node = node;
  }

  int size(String room) {
    Set<Long> members = rooms.get(room);
    return members == null ? 0 : members.size();
  }

  void nicks(String room, List<String> into) {
    Set<Long> ids = rooms.get(room);
    if (ids != null) {
      for (Long id : ids) {
        into.add(members.get(id).nick);
      }
    }
  }
}
