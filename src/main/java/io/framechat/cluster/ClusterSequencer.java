package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.chat.Position;
import io.framechat.chat.Sequencer;
import io.framechat.metrics.ClusterMeters;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.logging.Logger;

/**
 * Room messages numbered cluster-wide: each room's messages are numbered by the node owning the
 * room's shared history ({@link RoomSequencer} over {@link SharedHistory}). Other nodes forward them
 * there ({@link Forwarder}), and the owner answers them ({@link SequenceDesk}); a message sent again
 * is stored once. Once stored, a message goes to this node's sink and, as a {@code STAMPED} item of
 * the next batch, to every other node.
 */
final class ClusterSequencer implements Sequencer {

  private static final Logger LOG = Logger.getLogger(ClusterSequencer.class.getName());
  private final ClusterMembership membership;
  private final ClusterLink link;
  private final HeaderByteOrder byteOrder;
  private final ToIntFunction<String> remoteMembers;
  private final Supplier<SharedHistory> history;
  private final RoomKeeper keeper;
  /** Messages that may wait for one room's sequencer, or to be forwarded to one node. */
  private final IntSupplier maxPending;
  private final ClusterMeters metrics;
  private Sink sink;
  private FrameEncoder encoder;
  private SharedHistory shared;
  private RoomSequencer sequencer;
  private SequenceDesk desk;
  private final Forwarder forwarder;
  private boolean sweeping;

  /**
   * @param remoteMembers members of a room on the other nodes
   * @param history the shared history, made on the broadcast verticle's context when the sequencer starts
   * @param keeper what the rooms this node numbers keep in the store
   * @param metrics the cluster's meters: messages sent again (by sender and by owner), messages not stored
   */
  ClusterSequencer(Vertx vertx, ClusterMembership membership, ClusterLink link, HeaderByteOrder byteOrder,
      ToIntFunction<String> remoteMembers, Supplier<SharedHistory> history, RoomKeeper keeper, IntSupplier maxPending,
      ClusterMeters metrics) {
    this.history = history;
    this.keeper = keeper;
    this.maxPending = maxPending;
    this.membership = membership;
    this.link = link;
    this.byteOrder = byteOrder;
    this.remoteMembers = remoteMembers;
    this.metrics = metrics;
    this.forwarder = new Forwarder(vertx, membership::nodeId, link, maxPending, this::sequence, metrics::resent);
  }

  @Override
  public void start(Sink sink) {
    this.sink = sink;
    this.encoder = new FrameEncoder(byteOrder);
    this.shared = history.get();
    this.sequencer = new RoomSequencer(shared, keeper, this::stampedHere, maxPending, metrics::unstored);
    this.desk = new SequenceDesk(sequencer, maxPending, metrics::resentKnown);
  }

  @Override
  public Future<Long> sequence(RoomMessage message, Position here) {
    Promise<Long> done = Promise.promise();
    sequence(new Forwarder.Forwarded(message.room(), new RoomSequencer.Pending(message.id(), message.encode()), 1, 0,
        0, done));
    return done.future();
  }

  /** What the cluster holds of the room; when it holds nothing (it was restarted as a whole), what the store does. */
  @Override
  public Future<HistorySlice> load(String room) {
    return shared.read(room).compose(log -> log.slice().epoch() != null || !keeper.keeps()
        ? Future.succeededFuture(log.slice())
        : keeper.peek(room).recover(e -> {
          LOG.warning("room " + room + " could not be read from the store: " + e.getMessage());
          return Future.succeededFuture(HistorySlice.EMPTY);
        }));
  }

  @Override
  public void tick(long now) {
    if (sequencer != null) {
      sequencer.tick(now);
      desk.tick(now);
    }
  }

  /** Gives back the seqs the rooms numbered here reserved in the store, and closes it. */
  @Override
  public Future<Void> close() {
    return sequencer == null ? keeper.close() : sequencer.close();
  }

  /** Drops the shared history this node owns of rooms that nobody is in and whose messages all expired. */
  @Override
  public void expire(Predicate<String> inUseHere) {
    if (sweeping || shared == null) {
      return;
    }
    sweeping = true;
    shared.emptyRooms().onComplete(found -> {
      sweeping = false;
      if (found.failed()) {
        LOG.warning("the rooms whose shared history expired could not be listed (tried again in a while): "
            + found.cause());
        return;
      }
      found.result().stream()
          .filter(room -> remoteMembers.applyAsInt(room) == 0 && !inUseHere.test(room))
          .forEach(sequencer::drop);
    });
  }

  /** Sends the messages collected for other nodes' sequencers; called at each flush. */
  void flush() {
    forwarder.flush();
  }

  /**
   * A node left: every room is taken up again before its next message (this node may own it now),
   * and what was remembered of its requests, or of those to it, is forgotten.
   */
  void nodeLeft(String node) {
    sequencer.retakeAll();
    desk.senderLeft(node);
    forwarder.ownerLeft(node);
  }

  /** Messages another node's sequencer stamped, from its batch. */
  void remoteStamped(String room, String epoch, long firstSeq, FrameBatch frames) {
    sink.stamped(room, epoch, firstSeq, frames);
  }

  /** Numbers the message here when this node owns its room, else has it forwarded to the room's owner. */
  private void sequence(Forwarder.Forwarded message) {
    if (!membership.intact()) {
      forwarder.settle(message, Future.failedFuture(new IllegalStateException("this node is stopping")));
      return;
    }
    String owner = shared.owner(message.room());
    if (owner == null || owner.equals(membership.nodeId())) {
      sequencer.append(message.room(), List.of(message.message())).get(0)
          .onComplete(seq -> forwarder.settle(message, seq));
    } else {
      forwarder.queue(owner, message);
    }
  }

  /** Messages other nodes forwarded because this node sequences their rooms ({@link SequenceDesk}). */
  void onSequence(Message<Buffer> request, Wire.Cursor in) {
    desk.onSequence(request, in, System.currentTimeMillis());
  }

  /** This node sequenced messages: to its own members and history, and to every other node. */
  private void stampedHere(String room, String epoch, long firstSeq, List<Buffer> bodies) {
    if (!membership.intact()) {
      return; // stored while this node was frozen: the room's new owner sends it on when it takes the room up
    }
    FrameBatch.Builder batch = new FrameBatch.Builder(encoder, bodies.size() * 200);
    bodies.forEach(batch::add);
    FrameBatch frames = batch.build();
    sink.stamped(room, epoch, firstSeq, frames);
    Buffer item = link.item(ClusterLink.STAMPED);
    Wire.writeString(item, room);
    Wire.writeString(item, epoch);
    item.appendLong(firstSeq);
    Wire.writeFrames(item, frames, byteOrder);
  }
}
