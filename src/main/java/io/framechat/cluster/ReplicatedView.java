package io.framechat.cluster;

import io.framechat.chat.Peers.RemoteClient;
import io.framechat.protocol.Names;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every node holds (its clients, their nicks and rooms), as this node knows it: each other
 * node's view kept from its deltas and snapshots, this node's own to answer snapshots, and indexes
 * for {@code who}, {@code rooms}, presence sizes and whisper routing. No I/O; the broadcast
 * verticle's event loop only.
 */
final class ReplicatedView {

  /** Told of each member of a dead node, room by room, with the room's size before it left. */
  interface Departures {
    void left(String room, String nick, int sizeBefore);
  }

  private final NodeView self;
  private final Map<String, NodeView> nodes = new HashMap<>();
  /** The clients of other nodes by each key of their nick: several when a person has sessions there. */
  private final Map<String, List<RemoteClient>> nickIndex = new HashMap<>();
  /** Members per room on the other nodes, by name (a page of rooms is read from it in order). */
  private final TreeMap<String, Integer> roomCounts = new TreeMap<>();
  private final NavigableMap<String, Integer> roomCountsView = Collections.unmodifiableNavigableMap(roomCounts);
  private long roomCountsVersion;

  ReplicatedView(String selfNode) {
    this.self = new NodeView(selfNode);
  }

  NodeView self() {
    return self;
  }

  /** The view of another node, created empty (not ready) when first heard of. */
  NodeView node(String id) {
    return nodes.computeIfAbsent(id, NodeView::new);
  }

  /** The view of another node, or null when it is not known. */
  NodeView known(String id) {
    return nodes.get(id);
  }

  // ---- queries ----

  int members(String room) {
    return roomCounts.getOrDefault(room, 0);
  }

  void nicks(String room, List<String> into) {
    for (NodeView view : nodes.values()) {
      view.nicks(room, into);
    }
  }

  NavigableMap<String, Integer> roomCounts() {
    return roomCountsView;
  }

  long roomCountsVersion() {
    return roomCountsVersion;
  }

  RemoteClient find(List<String> nickKeys) {
    for (String key : nickKeys) {
      List<RemoteClient> clients = nickIndex.get(key);
      if (clients != null) {
        return clients.get(0);
      }
    }
    return null;
  }

  /** Every client of other nodes holding the nick (the sessions of one person, or the one holder). */
  List<RemoteClient> sessions(List<String> nickKeys) {
    for (String key : nickKeys) {
      List<RemoteClient> clients = nickIndex.get(key);
      if (clients != null) {
        return List.copyOf(clients);
      }
    }
    return List.of();
  }

  /** Whether a client of another node than {@code ignoreNode} holding the nick is in the room. */
  boolean inRoom(List<String> nickKeys, String room, String ignoreNode) {
    for (RemoteClient client : sessions(nickKeys)) {
      if (!client.node().equals(ignoreNode) && roomsOf(client).contains(room)) {
        return true;
      }
    }
    return false;
  }

  /** The rooms the clients of other nodes holding the nick are in, in join order. */
  Set<String> roomsOf(List<String> nickKeys) {
    Set<String> rooms = new LinkedHashSet<>();
    sessions(nickKeys).forEach(client -> rooms.addAll(roomsOf(client)));
    return rooms;
  }

  private Set<String> roomsOf(RemoteClient client) {
    NodeView view = nodes.get(client.node());
    NodeView.Member member = view == null ? null : view.members.get(client.client());
    return member == null ? Set.of() : member.rooms;
  }

  // ---- deltas ----

  void connected(NodeView view, long client, String nick) {
    view.members.put(client, new NodeView.Member(nick));
    if (view != self) {
      index(new RemoteClient(view.node, client, nick));
    }
  }

  void joined(NodeView view, long client, String room) {
    NodeView.Member member = view.members.get(client);
    if (member != null && member.rooms.add(room)) {
      view.rooms.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(client);
      if (view != self) {
        roomCounts.merge(room, 1, Integer::sum);
        roomCountsVersion++;
      }
    }
  }

  void left(NodeView view, long client, String room) {
    NodeView.Member member = view.members.get(client);
    if (member != null && member.rooms.remove(room)) {
      Set<Long> members = view.rooms.get(room);
      members.remove(client);
      if (members.isEmpty()) {
        view.rooms.remove(room);
      }
      if (view != self) {
        roomCounts.computeIfPresent(room, (r, n) -> n == 1 ? null : n - 1);
        roomCountsVersion++;
      }
    }
  }

  void renamed(NodeView view, long client, String nick) {
    NodeView.Member member = view.members.get(client);
    if (member != null) {
      if (view != self) {
        unindex(view.node, client, member.nick);
        index(new RemoteClient(view.node, client, nick));
      }
      member.nick = nick;
    }
  }

  void gone(NodeView view, long client) {
    NodeView.Member member = view.members.get(client);
    if (member == null) {
      return;
    }
    new ArrayList<>(member.rooms).forEach(room -> left(view, client, room));
    view.members.remove(client);
    if (view != self) {
      unindex(view.node, client, member.nick);
    }
  }

  // ---- snapshots ----

  /** This node's whole state, as of batch {@code seq}. */
  Buffer snapshot(long seq) {
    Buffer out = Buffer.buffer().appendLong(seq).appendInt(self.members.size());
    self.members.forEach((client, member) -> {
      out.appendLong(client);
      Wire.writeString(out, member.nick);
      out.appendInt(member.rooms.size());
      member.rooms.forEach(room -> Wire.writeString(out, room));
    });
    return out;
  }

  /** Replaces what is known of another node with its snapshot; it is then ready for its later batches. */
  void load(NodeView view, Buffer snapshot) {
    for (Long client : new ArrayList<>(view.members.keySet())) {
      gone(view, client);
    }
    Wire.Cursor in = new Wire.Cursor(snapshot);
    view.seq = in.readLong();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      long client = in.readLong();
      connected(view, client, in.readString());
      int rooms = in.readInt();
      for (int r = 0; r < rooms; r++) {
        joined(view, client, in.readString());
      }
    }
    view.ready = true;
  }

  // ---- node death ----

  /**
   * Forgets a node that left the cluster: each of its members leaves each of its rooms (told to
   * {@code departures}, with the room's size on every node before), and its nicks are unindexed,
   * unless another node's client holds the nick by now. Returns its members, or none if unknown.
   */
  Collection<Map.Entry<Long, NodeView.Member>> nodeLeft(String node, Departures departures) {
    NodeView view = nodes.remove(node);
    if (view == null) {
      return List.of();
    }
    Set<String> told = new HashSet<>();
    for (Map.Entry<Long, NodeView.Member> entry : view.members.entrySet()) {
      NodeView.Member member = entry.getValue();
      unindex(node, entry.getKey(), member.nick);
      for (String room : new ArrayList<>(member.rooms)) {
        // a person with several sessions there leaves once, and not while a session elsewhere holds the room
        if (told.add(room + "\n" + member.nick) && !inRoom(keys(member.nick), room, null)) {
          departures.left(room, member.nick, self.size(room) + members(room));
        }
        left(view, entry.getKey(), room);
      }
    }
    return view.members.entrySet();
  }

  private void index(RemoteClient client) {
    keys(client.nick()).forEach(key -> nickIndex.computeIfAbsent(key, k -> new ArrayList<>(1)).add(client));
  }

  /** Removes that node's client from the index under each key of its nick. */
  private void unindex(String node, long client, String nick) {
    for (String key : keys(nick)) {
      List<RemoteClient> indexed = nickIndex.get(key);
      if (indexed != null) {
        indexed.removeIf(held -> held.node().equals(node) && held.client() == client);
        if (indexed.isEmpty()) {
          nickIndex.remove(key);
        }
      }
    }
  }

  static List<String> keys(String nick) {
    return Names.nickKeys(nick);
  }
}
