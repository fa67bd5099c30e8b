package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.protocol.ServerFrames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The rooms of this node and their members, and what entering and leaving them tells others:
 * presence to the members (unless the room is over {@code chat.presenceMaxMembers} on all nodes),
 * membership to the gateways, and to the other nodes. A room exists while it has a member here.
 */
final class Rooms {

  private final Map<String, Room> rooms = new HashMap<>();
  /** The same rooms by name, for listings: a page is read in order from where the last one ended. */
  private final TreeMap<String, Room> byName = new TreeMap<>();
  /** Changes with every entry and exit here: a listing made before is stale. */
  private long version;
  private final Supplier<ChatOptions> config;
  private final Outbox out;
  private final Peers peers;
  private final RoomHistory history;

  Rooms(Supplier<ChatOptions> config, Outbox out, Peers peers, RoomHistory history) {
    this.config = config;
    this.out = out;
    this.peers = peers;
    this.history = history;
  }

  /** The room, or null when nobody here is in it. */
  Room get(String name) {
    return rooms.get(name);
  }

  /** Whether messages of the room wait here for one before them, to be handed on in order. */
  boolean holdsBack(String name) {
    Room room = rooms.get(name);
    return room != null && room.order.holding();
  }

  /** Whether someone on this node is in the room. */
  boolean inUse(String name) {
    return rooms.containsKey(name);
  }

  int count() {
    return rooms.size();
  }

  /** Puts the client in a room: the others hear of it first, then the gateway adds the member. */
  void enter(Client client, String roomName) {
    enter(client, roomName, false);
  }

  /**
   * The same; {@code quiet}: nobody hears of it (a session of a person that another node has in the
   * room already, and announced). A person is announced once, when its first session enters.
   */
  void enter(Client client, String roomName, boolean quiet) {
    Room room = rooms.get(roomName);
    if (room == null) {
      room = new Room(roomName);
      rooms.put(roomName, room);
      byName.put(roomName, room);
    }
    if (!quiet && announces(size(room) + 1) && !alsoIn(client, roomName, null)) {
      out.toRoom(room, ServerFrames.presence(roomName, client.nick, "join"));
    }
    room.add(client);
    version++;
    client.enter(roomName, history.position(roomName).seq());
    out.joined(client, roomName);
    peers.joined(client.id(), roomName);
  }

  /**
   * Takes the client out of a room: the gateway drops the member (after what was sent to the room
   * so far), then the remaining members (on every node) hear of it.
   */
  void exit(Client client, String roomName) {
    exit(client, roomName, true, null);
  }

  /**
   * Takes a session out of a room its person left on node {@code origin}: what that node knows of
   * its own sessions is not asked again (it may not have reached this node yet).
   */
  void follow(Client client, String roomName, String origin) {
    exit(client, roomName, true, origin);
  }

  /** Takes a client that is gone out of every room it held: one presence {@code leave} each (other nodes drop it whole). */
  void exitAll(Client client) {
    for (String roomName : client.rooms.toArray()) {
      exit(client, roomName, false, null);
    }
  }

  /** The person is heard to leave once, when its last session (on any node but {@code ignoreNode}) has. */
  private void exit(Client client, String roomName, boolean tellPeers, String ignoreNode) {
    Room room = rooms.get(roomName);
    int before = size(room);
    room.remove(client);
    version++;
    client.exit(roomName);
    out.left(client, roomName);
    if (tellPeers) {
      peers.left(client.id(), roomName);
    }
    if (announces(before) && before > 1 && !alsoIn(client, roomName, ignoreNode)) {
      out.toRoom(room, ServerFrames.presence(roomName, client.nick, "leave"));
    }
    if (room.size() == 0) {
      rooms.remove(roomName);
      byName.remove(roomName);
    }
  }

  /** Whether another session of the client's person is in the room, here or on a node other than {@code ignoreNode}. */
  private boolean alsoIn(Client client, String roomName, String ignoreNode) {
    return client.person != null && (client.person.inRoom(roomName, client)
        || peers.inRoom(Nicks.keys(client.nick), roomName, ignoreNode));
  }

  /** The members of every room the client holds hear of its new nick (the client too). */
  void renamed(Client client, String old) {
    for (String roomName : client.rooms.toArray()) {
      Room room = rooms.get(roomName);
      if (announces(size(room))) {
        out.toRoom(room, ServerFrames.renamed(roomName, client.nick, old));
      }
    }
  }

  /** A member of the room was on a node that died: its members here hear that it left. */
  void remoteGone(String roomName, String nick, int sizeBefore) {
    Room room = rooms.get(roomName);
    if (room != null && announces(sizeBefore)) {
      out.toLocalRoom(room, ServerFrames.presence(roomName, nick, "leave"));
    }
  }

  /** The rooms with members on this node. */
  Collection<Room> all() {
    return rooms.values();
  }

  /** Members of the room on every node. */
  int size(Room room) {
    return room.size() + peers.members(room.name);
  }

  /** People in the room: a person's sessions here count once. */
  int people(Room room) {
    return room.people() + peers.members(room.name);
  }

  /** The nicks in the room on every node, this node's first, each in join order, a person once. */
  List<String> who(String roomName) {
    Room room = rooms.get(roomName);
    List<String> names = room == null ? new ArrayList<>() : room.nicks();
    peers.nicks(roomName, names);
    return new ArrayList<>(new LinkedHashSet<>(names));
  }

  /** A number that changes whenever a room's member count, on any node, does. */
  long listingVersion() {
    return version + peers.roomCountsVersion();
  }

  /**
   * Every room on every node after {@code after} (null: from the first), by name, with its member
   * count on every node: read as it is gone through, so a page costs what it holds, not what all
   * rooms hold.
   */
  Iterator<Map.Entry<String, Integer>> listAfter(String after) {
    NavigableMap<String, Room> here = after == null ? byName : byName.tailMap(after, false);
    NavigableMap<String, Integer> there = after == null ? peers.roomCounts() : peers.roomCounts().tailMap(after, false);
    return new MergedCounts(here.entrySet().iterator(), there.entrySet().iterator());
  }

  /** Two lists of rooms by name merged into one, a room's counts summed when it is in both. */
  private static final class MergedCounts implements Iterator<Map.Entry<String, Integer>> {
    private final Iterator<Map.Entry<String, Room>> here;
    private final Iterator<Map.Entry<String, Integer>> there;
    private Map.Entry<String, Room> nextHere;
    private Map.Entry<String, Integer> nextThere;

    MergedCounts(Iterator<Map.Entry<String, Room>> here, Iterator<Map.Entry<String, Integer>> there) {
      this.here = here;
      this.there = there;
      nextHere = here.hasNext() ? here.next() : null;
      nextThere = there.hasNext() ? there.next() : null;
    }

    @Override
    public boolean hasNext() {
      return nextHere != null || nextThere != null;
    }

    @Override
    public Map.Entry<String, Integer> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int order = nextHere == null ? 1 : nextThere == null ? -1 : nextHere.getKey().compareTo(nextThere.getKey());
      String name = order <= 0 ? nextHere.getKey() : nextThere.getKey();
      int count = (order <= 0 ? nextHere.getValue().people() : 0) + (order >= 0 ? nextThere.getValue() : 0);
      if (order <= 0) {
        nextHere = here.hasNext() ? here.next() : null;
      }
      if (order >= 0) {
        nextThere = there.hasNext() ? there.next() : null;
      }
      return Map.entry(name, count);
    }
  }

  private boolean announces(int roomSize) {
    return roomSize <= config.get().presenceMaxMembers();
  }
}
