package io.framechat.cluster;

import io.framechat.chat.MessageStore;
import io.framechat.chat.PeerEvents;
import io.framechat.chat.Peers;
import io.framechat.chat.Sequencer;
import io.framechat.config.ClusterOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The other nodes of the cluster, for one node's broadcast verticle. This node's membership deltas
 * and room frames go out in its batches ({@link ClusterLink}); the other nodes' come in through
 * {@link ClusterInbound} into the {@link ReplicatedView}, which answers the queries. Chosen nicks are
 * claimed in {@link ClusterNicks}. When a node dies, each survivor tells its own clients that the
 * dead node's members left, and frees their nicks. Everything runs on the broadcast verticle's
 * event loop.
 */
public final class ClusterPeers implements Peers {

  private static final Logger LOG = Logger.getLogger(ClusterPeers.class.getName());

  private final Vertx vertx;
  private final ClusterMembership membership;
  private final HeaderByteOrder byteOrder;
  private final String node;
  private final ClusterLink link;
  private final ReplicatedView view;
  private final ClusterNicks nicks;
  private final ClusterSequencer sequencer;
  private final ChatMetrics metrics;
  private final Supplier<ClusterOptions> cluster;
  private PeerEvents events;
  private Context context;
  private ClusterInbound inbound;

  /**
   * The peers of this node and, sharing their link, the sequencer of its rooms' messages.
   *
   * @param cluster the cluster options in force (its bounds are read at each use)
   * @param store where the rooms this node numbers keep their messages
   * @param sync a message is sent on only once the store committed it ({@code store.durability} {@code sync})
   * @param memorySize messages of a room kept in memory ({@code chat.historySize})
   */
  public ClusterPeers(Vertx vertx, ClusterMembership membership, HeaderByteOrder byteOrder, ChatMetrics metrics,
      Supplier<ClusterOptions> cluster, MessageStore store, boolean sync, IntSupplier memorySize) {
    this.metrics = metrics;
    this.cluster = cluster;
    this.vertx = vertx;
    this.membership = membership;
    this.byteOrder = byteOrder;
    this.node = membership.nodeId();
    this.link = new EventBusLink(vertx, node, metrics.cluster()::unknown);
    this.view = new ReplicatedView(node);
    this.nicks = new ClusterNicks(vertx, node, membership::nodes, this::hasClient);
    this.sequencer = new ClusterSequencer(vertx, membership, link, byteOrder, view::members,
        () -> new RingbufferHistory(membership.hazelcast(), vertx.getOrCreateContext()),
        store.keeps() ? new RoomKeeper(store, sync, memorySize) : RoomKeeper.NONE, () -> cluster.get().maxPendingMessages(),
        metrics.cluster());
  }

  /** How this node's room messages are numbered: by the room's owner in the cluster. */
  public Sequencer sequencer() {
    return sequencer;
  }

  /** Starts listening and asks every current node for a snapshot of what it holds. */
  @Override
  public Future<Void> start(PeerEvents events) {
    this.events = events;
    this.context = vertx.getOrCreateContext();
    this.inbound = new ClusterInbound(vertx, membership, link, view, sequencer, events, byteOrder,
        metrics.cluster()::unknown, () -> cluster.get().maxEarlyBatches(), metrics.cluster()::earlyDropped);
    membership.onNodeLeft(left -> context.runOnContext(v -> nodeLeft(left)));
    return link.start(inbound, events::changed).compose(v -> nicks.start()).map(v -> {
      for (String other : membership.nodes()) {
        if (!other.equals(node)) {
          inbound.requestSnapshot(view.node(other));
        }
      }
      return null;
    });
  }

  @Override
  public Future<Void> stop() {
    sequencer.flush();
    return link.stop();
  }

  @Override
  public void flush() {
    sequencer.flush();
    link.flush();
  }

  // ---- queries ----

  @Override
  public int members(String room) {
    return view.members(room);
  }

  @Override
  public void nicks(String room, List<String> into) {
    view.nicks(room, into);
  }

  @Override
  public NavigableMap<String, Integer> roomCounts() {
    return view.roomCounts();
  }

  @Override
  public long roomCountsVersion() {
    return view.roomCountsVersion();
  }

  @Override
  public RemoteClient find(List<String> nickKeys) {
    return view.find(nickKeys);
  }

  @Override
  public Future<Boolean> claim(List<String> nickKeys, long client, String subject) {
    return nicks.claim(nickKeys, client, subject);
  }

  @Override
  public void release(List<String> nickKeys, long client) {
    nicks.release(nickKeys, client);
  }

  @Override
  public Future<Boolean> takeOver(List<String> nickKeys, long client, String subject) {
    return nicks.takeOver(nickKeys, client, subject);
  }

  @Override
  public List<RemoteClient> sessions(List<String> nickKeys) {
    return view.sessions(nickKeys);
  }

  @Override
  public boolean inRoom(List<String> nickKeys, String room, String ignoreNode) {
    return view.inRoom(nickKeys, room, ignoreNode);
  }

  @Override
  public Set<String> roomsOf(List<String> nickKeys) {
    return view.roomsOf(nickKeys);
  }

  @Override
  public void toPerson(List<String> nickKeys, PersonEvent event) {
    view.sessions(nickKeys).stream().map(RemoteClient::node).distinct()
        .forEach(to -> link.send(to, PersonEvents.encode(node, event)));
  }

  @Override
  public void handOver(List<String> nickKeys, long from, long to, String subject) {
    if (to >= 0) {
      nicks.handOver(nickKeys, from, node, to);
      return;
    }
    List<RemoteClient> elsewhere = view.sessions(nickKeys);
    if (elsewhere.isEmpty()) {
      nicks.release(nickKeys, from);
    } else {
      nicks.handOver(nickKeys, from, elsewhere.get(0).node(), elsewhere.get(0).client());
    }
  }

  // ---- this node's deltas and frames, out ----

  @Override
  public void connected(long client, String nick) {
    view.connected(view.self(), client, nick);
    Wire.writeString(link.item(ClusterLink.CONNECTED).appendLong(client), nick);
  }

  @Override
  public void joined(long client, String room) {
    view.joined(view.self(), client, room);
    Wire.writeString(link.item(ClusterLink.JOINED).appendLong(client), room);
  }

  @Override
  public void left(long client, String room) {
    view.left(view.self(), client, room);
    Wire.writeString(link.item(ClusterLink.LEFT).appendLong(client), room);
  }

  @Override
  public void renamed(long client, String nick) {
    view.renamed(view.self(), client, nick);
    Wire.writeString(link.item(ClusterLink.RENAMED).appendLong(client), nick);
  }

  @Override
  public void gone(long client) {
    view.gone(view.self(), client);
    link.item(ClusterLink.GONE).appendLong(client);
  }

  @Override
  public void roomFrames(String room, FrameBatch frames) {
    Buffer item = link.item(ClusterLink.FRAMES);
    Wire.writeString(item, room);
    Wire.writeFrames(item, frames, byteOrder);
  }

  @Override
  public void toClient(RemoteClient to, FrameBatch frames) {
    Buffer message = ClusterLink.direct(ClusterLink.TO_CLIENT).appendLong(to.client());
    Wire.writeFrames(message, frames, byteOrder);
    link.send(to.node(), message);
  }

  /** Whether a node has a client, as far as this node knows; true for a node not heard from yet. */
  private boolean hasClient(String of, long client) {
    NodeView known = of.equals(node) ? view.self() : view.known(of);
    return known == null || (!known.ready && known != view.self()) || known.members.containsKey(client);
  }

  // ---- node death ----

  private void nodeLeft(String left) {
    sequencer.nodeLeft(left);
    var members = view.nodeLeft(left, events::remoteGone);
    if (!members.isEmpty()) {
      LOG.info("node " + left + " left the cluster: " + members.size() + " of its clients are gone");
    }
    members.forEach(member -> nicks.release(left, ReplicatedView.keys(member.getValue().nick), member.getKey()));
  }
}
