package io.framechat.chat;

import io.framechat.protocol.FrameBatch;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The other nodes of a cluster as the broadcast verticle sees them: what they hold (a replicated
 * view, for {@code who}, {@code rooms}, presence and whisper routing), the cluster-wide nick
 * registry, and the channel to them. Called on the broadcast verticle's event loop only.
 * A single node uses {@link #NONE}.
 */
public interface Peers {

  /** Where a nick held on another node lives. */
  record RemoteClient(String node, long client, String nick) {
  }

  /** Members of {@code room} on other nodes. */
  int members(String room);

  /** Adds the nicks of {@code room} on other nodes. */
  void nicks(String room, List<String> into);

  /** Adds each room on other nodes with its member count there. */
  void roomCounts(Map<String, Integer> into);

  /** The client on another node holding the nick (by its lower-case key), or null. */
  RemoteClient find(String nickKey);

  /** Claims a chosen nick cluster-wide; true when this client now holds it. */
  Future<Boolean> claim(String nickKey, long client);

  /** Gives a chosen nick back. */
  void release(String nickKey, long client);

  /** Tells the other nodes: a client arrived, with its (guest) nick. */
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

  /**
   * Has the room's sequencer (one node per room) give a message body its seq and epoch, keep it in
   * the shared history, and send it to every node ({@link PeerEvents#stamped}). {@code id} is the
   * message's (unique in the cluster): a message sent again is stored once. Fails when the message
   * could not be sequenced (the cluster is unavailable).
   */
  Future<Void> sequence(String room, String id, Buffer body);

  /** What the shared history holds for {@code room}. */
  Future<HistorySlice> history(String room);

  /**
   * Called now and then: drops the shared history of rooms that have no members (here, where
   * {@code inUseHere} tells, or elsewhere) and nothing left.
   */
  void expireHistory(Predicate<String> inUseHere);

  /** Whether this is a cluster (guest nicks then carry the node's tag). */
  boolean clustered();

  /** No other nodes: a single server. */
  Peers NONE = new Peers() {
    @Override
    public int members(String room) {
      return 0;
    }

    @Override
    public void nicks(String room, List<String> into) {
    }

    @Override
    public void roomCounts(Map<String, Integer> into) {
    }

    @Override
    public RemoteClient find(String nickKey) {
      return null;
    }

    @Override
    public Future<Boolean> claim(String nickKey, long client) {
      return Future.succeededFuture(true);
    }

    @Override
    public void release(String nickKey, long client) {
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

    @Override
    public Future<Void> sequence(String room, String id, Buffer body) {
      return Future.failedFuture(new IllegalStateException("a single node sequences its rooms itself"));
    }

    @Override
    public Future<HistorySlice> history(String room) {
      return Future.succeededFuture(HistorySlice.EMPTY);
    }

    @Override
    public void expireHistory(Predicate<String> inUseHere) {
    }

    @Override
    public boolean clustered() {
      return false;
    }
  };
}
