package io.framechat.chat;

import io.framechat.protocol.FrameBatch;
import io.vertx.core.Future;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The other nodes of a cluster as the chat needs them: what they hold (a replicated view, for
 * {@code who}, {@code rooms}, presence and whisper routing), the cluster-wide nick registry, and
 * the channel to them. A single node uses {@link #NONE}, which holds nothing, accepts every claim
 * and sends nowhere: callers never ask which one they have. Called on the broadcast verticle's
 * event loop only.
 */
public interface Peers {

  /** Where a nick held on another node lives. */
  record RemoteClient(String node, long client, String nick) {
  }

  /**
   * What one session of a person did that its sessions on other nodes follow: joined or left a
   * room, or read it up to {@code seq} of {@code epoch} (0 and null for a join or a leave).
   */
  record PersonEvent(Kind kind, String nick, String room, long seq, String epoch) {
    /** What the session did. */
    public enum Kind { JOIN, LEAVE, READ }
  }

  /** Called once, on the broadcast verticle's context: starts listening to the other nodes. */
  Future<Void> start(PeerEvents events);

  /** Sends what is pending and stops listening. */
  Future<Void> stop();

  /** Sends the deltas and frames collected since the last flush to the other nodes. */
  void flush();

  /** Members of {@code room} on other nodes. */
  int members(String room);

  /** Adds the nicks of {@code room} on other nodes. */
  void nicks(String room, List<String> into);

  /** Each room on other nodes with its member count there, by name: a live, read-only view. */
  NavigableMap<String, Integer> roomCounts();

  /** A number that changes whenever {@link #roomCounts()} does (a listing made before it is stale). */
  long roomCountsVersion();

  /** The client on another node holding the nick (by any of its keys), or null. */
  RemoteClient find(List<String> nickKeys);

  /**
   * Claims a chosen nick cluster-wide, under every one of its keys ({@code subject}: who the client
   * is logged in as, or empty); true when this client now holds it.
   */
  Future<Boolean> claim(List<String> nickKeys, long client, String subject);

  /** Gives a chosen nick back. */
  void release(List<String> nickKeys, long client);

  /**
   * Claims a nick even from a client of another node logged in as the same {@code subject} (the
   * same identity logged in again): that client is closed, {@code replaced}. True when this client
   * now holds the nick; false when a client of another subject holds it (nobody is closed).
   */
  Future<Boolean> takeOver(List<String> nickKeys, long client, String subject);

  /** The sessions on other nodes of the person holding the nick (every client holding it there). */
  List<RemoteClient> sessions(List<String> nickKeys);

  /** Whether a session of the nick's person on another node, {@code ignoreNode} aside (null: none), holds the room. */
  boolean inRoom(List<String> nickKeys, String room, String ignoreNode);

  /** The rooms the nick's person holds on other nodes. */
  Set<String> roomsOf(List<String> nickKeys);

  /** Tells each other node where the nick's person has a session what a session here did. */
  void toPerson(List<String> nickKeys, PersonEvent event);

  /**
   * A client of this node holding a chosen nick is gone while another of this node, a session of
   * the same {@code subject}, goes on: the claim passes to it ({@code to}; -1: to a session on
   * another node, if there is one, or it is given back).
   */
  void handOver(List<String> nickKeys, long from, long to, String subject);

  /** A client arrived, with its (guest) nick. */
  void connected(long client, String nick);

  void joined(long client, String room);

  void left(long client, String room);

  void renamed(long client, String nick);

  /** The client is gone (quit, disconnected, expired). */
  void gone(long client);

  /** Frames for {@code room}, to be fanned out by each other node to its own members. */
  void roomFrames(String room, FrameBatch frames);

  /** A frame for one client on another node. */
  void toClient(RemoteClient to, FrameBatch frames);

  /** No other nodes: a single server. */
  Peers NONE = new Peers() {
    @Override
    public Future<Void> start(PeerEvents events) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      return Future.succeededFuture();
    }

    @Override
    public void flush() {
    }

    @Override
    public int members(String room) {
      return 0;
    }

    @Override
    public void nicks(String room, List<String> into) {
    }

    @Override
    public NavigableMap<String, Integer> roomCounts() {
      return Collections.emptyNavigableMap();
    }

    @Override
    public long roomCountsVersion() {
      return 0;
    }

    @Override
    public RemoteClient find(List<String> nickKeys) {
      return null;
    }

    @Override
    public Future<Boolean> claim(List<String> nickKeys, long client, String subject) {
      return Future.succeededFuture(true);
    }

    @Override
    public void release(List<String> nickKeys, long client) {
    }

    @Override
    public Future<Boolean> takeOver(List<String> nickKeys, long client, String subject) {
      return Future.succeededFuture(true);
    }

    @Override
    public List<RemoteClient> sessions(List<String> nickKeys) {
      return List.of();
    }

    @Override
    public boolean inRoom(List<String> nickKeys, String room, String ignoreNode) {
      return false;
    }

    @Override
    public Set<String> roomsOf(List<String> nickKeys) {
      return Set.of();
    }

    @Override
    public void toPerson(List<String> nickKeys, PersonEvent event) {
    }

    @Override
    public void handOver(List<String> nickKeys, long from, long to, String subject) {
    }

    @Override
    public void connected(long client, String nick) {
    }

    @Override
    public void joined(long client, String room) {
    }

    @Override
    public void left(long client, String room) {
    }

    @Override
    public void renamed(long client, String nick) {
    }

    @Override
    public void gone(long client) {
    }

    @Override
    public void roomFrames(String room, FrameBatch frames) {
    }

    @Override
    public void toClient(RemoteClient to, FrameBatch frames) {
    }
  };
}
