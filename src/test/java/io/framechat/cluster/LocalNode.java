package io.framechat.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.framechat.chat.PeerEvents;
import io.framechat.chat.Sequencer;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One node's cluster core (link over a local event bus, inbound, view, sequencer over a history in
 * memory) for tests without Hazelcast; the test plays the other nodes on the same event bus, at
 * {@code framechat.cluster.node.ID} and by publishing batches.
 */
final class LocalNode implements ClusterMembership, PeerEvents {

  /** What persons' sessions on other nodes did, as told here. */
  final java.util.List<String> persons = new java.util.ArrayList<>();

  static final HeaderByteOrder ORDER = HeaderByteOrder.BIG;

  final String id;
  final List<String> nodes = new CopyOnWriteArrayList<>();
  final List<String> unknown = new CopyOnWriteArrayList<>();
  final List<String> frames = new ArrayList<>();
  final List<String> closed = new ArrayList<>();
  final List<String> stamped = new ArrayList<>();
  int earlyDropped;
  int maxEarly = 10_000;
  int maxPending = 10_000;
  final MemoryHistory history;
  /** Its meters: messages sent again, by this node and to it. */
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ChatMetrics metrics = new ChatMetrics(registry);
  final EventBusLink link;
  final ReplicatedView view;
  final ClusterSequencer sequencer;
  final ClusterInbound inbound;

  LocalNode(Vertx vertx, String id, String... others) {
    this.id = id;
    nodes.add(id);
    nodes.addAll(List.of(others));
    history = new MemoryHistory(id);
    link = new EventBusLink(vertx, id, unknown::add);
    view = new ReplicatedView(id);
    sequencer = new ClusterSequencer(vertx, this, link, ORDER, view::members, () -> history, RoomKeeper.NONE,
        () -> maxPending, metrics.cluster());
    inbound = new ClusterInbound(vertx, this, link, view, sequencer, this, ORDER, unknown::add, () -> maxEarly,
        n -> earlyDropped += n);
  }

  /** Starts it on the caller's context (call from a Vert.x context). */
  Future<Void> start() {
    sequencer.start(new Sequencer.Sink() {
      @Override
      public void stamped(String room, String epoch, long seq, Buffer body) {
        stamped.add(room + "#" + seq);
      }

      @Override
      public void stamped(String room, String epoch, long firstSeq, FrameBatch frames) {
        for (int i = 0; i < frames.count(); i++) {
          stamped.add(room + "#" + (firstSeq + i));
        }
      }
    });
    return link.start(inbound, () -> { });
  }

  /** A request to number messages, as a room's owner reads it. */
  static SequenceRequests.Request sequenceRequest(Buffer message) {
    Wire.Cursor in = new Wire.Cursor(message);
    if (in.readByte() != Wire.VERSION || in.readByte() != ClusterLink.SEQUENCE) {
      throw new AssertionError("not a request to number messages of this wire version");
    }
    return SequenceRequests.read(in);
  }

  static FrameBatch frames(String... bodies) {
    FrameBatch.Builder builder = new FrameBatch.Builder(new FrameEncoder(ORDER), 64);
    for (String body : bodies) {
      builder.add(Buffer.buffer(body));
    }
    return builder.build();
  }

  // ---- membership ----

  @Override
  public String nodeId() {
    return id;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public void onNodeLeft(Consumer<String> listener) {
  }

  @Override
  public boolean intact() {
    return true;
  }

  @Override
  public HazelcastInstance hazelcast() {
    throw new UnsupportedOperationException("no Hazelcast here");
  }

  // ---- what the other nodes cause ----

  @Override
  public void remoteFrames(String room, FrameBatch batch) {
    for (int i = 0; i < batch.count(); i++) {
      frames.add(room + ":" + batch.body(i).toString());
    }
  }

  @Override
  public void remoteToClient(long client, FrameBatch batch) {
    remoteFrames("@" + client, batch);
  }

  @Override
  public void remoteClose(long client, CloseReason reason) {
    closed.add(client + ":" + reason.wireName());
  }

  @Override
  public void remoteGone(String room, String nick, int sizeBefore) {
  }

  @Override
  public void remotePerson(String node, io.framechat.chat.Peers.PersonEvent event) {
    persons.add(node + ":" + event);
  }

  @Override
  public void changed() {
  }
}
