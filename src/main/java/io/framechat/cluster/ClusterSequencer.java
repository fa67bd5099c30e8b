package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.chat.Position;
import io.framechat.chat.Sequencer;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Room messages numbered cluster-wide: each room's messages are numbered by the node owning the
 * room's shared history ({@link RoomSequencer} over {@link SharedHistory}). Other nodes forward them
 * there, one request per node per flush (at most {@code cluster.maxPendingMessages} wait for one
 * node, queued or unanswered; past that the sender is told busy), sent again to whoever owns the
 * room then if no answer comes within {@value #SEQUENCE_TIMEOUT_MS} ms; the sequencer drops an id it has seen lately, so a
 * retry is stored once. Once stored, a message goes to this node's sink and, as a {@code STAMPED}
 * item of the next batch, to every other node.
 */
final class ClusterSequencer implements Sequencer {

  private static final Logger LOG = Logger.getLogger(ClusterSequencer.class.getName());
  /** How long a room's sequencer has to store forwarded messages before they are sent again. */
  private static final long SEQUENCE_TIMEOUT_MS = 3000;
  /**
   * Tries to have a message sequenced (the sequencer may die meanwhile: the next owner takes over
   * once the cluster has declared it dead), each after a wait twice the one before.
   */
  private static final int SEQUENCE_ATTEMPTS = 5;
  private static final long RETRY_MS = 200;
  /** Rooms a warning names, at most. */
  private static final int NAMED_ROOMS = 5;

  /** A message waiting to be sequenced by another node. */
  private record Forwarded(String room, RoomSequencer.Pending message, int attempt, Promise<Long> done) {
  }

  private final Vertx vertx;
  private final ClusterMembership membership;
  private final ClusterLink link;
  private final HeaderByteOrder byteOrder;
  private final ToIntFunction<String> remoteMembers;
  private final Supplier<SharedHistory> history;
  private final RoomKeeper keeper;
  /** Messages that may wait for one room's sequencer, or to be forwarded to one node. */
  private final IntSupplier maxPending;
  /** Messages for other nodes' sequencers, sent at the next flush. */
  private Map<String, List<Forwarded>> forwards = new HashMap<>();
  /** Messages sent to each node's sequencers and not answered yet. */
  private final Map<String, Integer> unanswered = new HashMap<>();
  private Sink sink;
  private FrameEncoder encoder;
  private SharedHistory shared;
  private RoomSequencer sequencer;
  private boolean sweeping;

  /**
   * @param remoteMembers members of a room on the other nodes
   * @param history the shared history, made on the broadcast verticle's context when the sequencer starts
   * @param keeper what the rooms this node numbers keep in the store
   */
  ClusterSequencer(Vertx vertx, ClusterMembership membership, ClusterLink link, HeaderByteOrder byteOrder,
      ToIntFunction<String> remoteMembers, Supplier<SharedHistory> history, RoomKeeper keeper, IntSupplier maxPending) {
    this.history = history;
    this.keeper = keeper;
    this.maxPending = maxPending;
    this.vertx = vertx;
    this.membership = membership;
    this.link = link;
    this.byteOrder = byteOrder;
    this.remoteMembers = remoteMembers;
  }

  @Override
  public void start(Sink sink) {
    this.sink = sink;
    this.encoder = new FrameEncoder(byteOrder);
    this.shared = history.get();
    this.sequencer = new RoomSequencer(shared, keeper, this::stampedHere, maxPending);
  }

  @Override
  public Future<Long> sequence(RoomMessage message, Position here) {
    Promise<Long> done = Promise.promise();
    sequence(new Forwarded(message.room(), new RoomSequencer.Pending(message.id(), message.encode()), 1, done));
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
    if (!forwards.isEmpty()) {
      // a forward that fails at once is queued again: into the next round, not the one being sent
      Map<String, List<Forwarded>> due = forwards;
      forwards = new HashMap<>();
      due.forEach(this::forward);
    }
  }

  /** A node left: every room is taken up again before its next message (this node may own it now). */
  void nodeLeft() {
    sequencer.retakeAll();
  }

  /** Messages another node's sequencer stamped, from its batch. */
  void remoteStamped(String room, String epoch, long firstSeq, FrameBatch frames) {
    sink.stamped(room, epoch, firstSeq, frames);
  }

  private void sequence(Forwarded message) {
    if (!membership.intact()) {
      message.done().fail(new IllegalStateException("this node is stopping"));
      return;
    }
    String owner = shared.owner(message.room());
    if (owner == null || owner.equals(membership.nodeId())) {
      sequencer.append(message.room(), List.of(message.message())).get(0).onComplete(message.done());
    } else {
      List<Forwarded> toOwner = forwards.computeIfAbsent(owner, o -> new ArrayList<>());
      int waiting = toOwner.size() + unanswered.getOrDefault(owner, 0);
      if (waiting >= maxPending.getAsInt()) {
        message.done().fail(new Busy(waiting + " messages wait for node " + owner + " to number them"));
        return;
      }
      toOwner.add(message);
      link.wantFlush();
    }
  }

  /** Sends one node's share of messages to sequence; what fails is tried again (a new owner, maybe). */
  private void forward(String owner, List<Forwarded> messages) {
    Buffer out = SequenceRequests.request(messages.stream()
        .map(message -> new SequenceRequests.Item(message.room(), message.message())).toList());
    unanswered.merge(owner, messages.size(), Integer::sum);
    link.request(owner, out, SEQUENCE_TIMEOUT_MS)
        .andThen(answered -> unanswered.computeIfPresent(owner, (o, n) -> n == messages.size() ? null : n - messages.size()))
        .onSuccess(reply -> {
          // the seq of each message, in the order sent, or a mark (SequenceRequests)
          Buffer seqs = Wire.replyFields(reply.body());
          if (seqs == null || seqs.length() != messages.size() * Long.BYTES) {
            LOG.warning("node " + owner + " answered " + (seqs == null ? "in a wire version this node cannot read"
                : seqs.length() / Long.BYTES + " seqs") + " for " + messages.size() + " messages: they are sent again");
            retry(messages, new IllegalStateException("a short answer from node " + owner));
            return;
          }
          List<Forwarded> unstored = new ArrayList<>();
          for (int i = 0; i < messages.size(); i++) {
            long seq = seqs.getLong(i * Long.BYTES);
            if (seq == SequenceRequests.BUSY_SEQ) {
              messages.get(i).done().fail(new Busy("the sequencer of room " + messages.get(i).room() + " on node "
                  + owner + " holds as many messages as it may"));
            } else if (seq == SequenceRequests.UNSTORED_SEQ) {
              unstored.add(messages.get(i));
            } else {
              messages.get(i).done().complete(seq);
            }
          }
          if (!unstored.isEmpty()) {
            retry(unstored, new IllegalStateException("node " + owner + " could not store them"));
          }
        })
        .onFailure(e -> retry(messages, e));
  }

  /**
   * Sends the messages again (to whoever owns their rooms now), one timer for those on the same
   * attempt, or, past the attempts, fails them, with one warning for all of them.
   */
  private void retry(List<Forwarded> messages, Throwable why) {
    Map<Integer, List<Forwarded>> byAttempt = new TreeMap<>();
    messages.forEach(message -> byAttempt.computeIfAbsent(message.attempt(), a -> new ArrayList<>()).add(message));
    byAttempt.forEach((attempt, some) -> {
      if (attempt >= SEQUENCE_ATTEMPTS) {
        Set<String> rooms = new TreeSet<>();
        some.forEach(message -> rooms.add(message.room()));
        String named = rooms.stream().limit(NAMED_ROOMS).collect(Collectors.joining(", "))
            + (rooms.size() > NAMED_ROOMS ? " and " + (rooms.size() - NAMED_ROOMS) + " more" : "");
        LOG.warning(some.size() + " messages for room" + (rooms.size() == 1 ? " " : "s ") + named
            + " could not be sequenced in " + attempt + " tries: " + why.getMessage());
        some.forEach(message -> message.done().fail(why));
      } else {
        vertx.setTimer(RETRY_MS << (attempt - 1), t -> some.forEach(message ->
            sequence(new Forwarded(message.room(), message.message(), attempt + 1, message.done()))));
      }
    });
  }

  /**
   * Messages other nodes forwarded because this node sequences their rooms; answered once stored,
   * with each message's seq in the order received or a mark ({@link SequenceRequests}); a message
   * not stored fails the request of a sender that does not read the mark for it.
   */
  void onSequence(Message<Buffer> request, Wire.Cursor in) {
    SequenceRequests.Request asked = SequenceRequests.read(in);
    Map<String, List<RoomSequencer.Pending>> byRoom = new LinkedHashMap<>();
    asked.items().forEach(item -> byRoom.computeIfAbsent(item.room(), r -> new ArrayList<>()).add(item.message()));
    Map<String, Iterator<Future<Long>>> seqs = new HashMap<>();
    byRoom.forEach((room, bodies) -> seqs.put(room, sequencer.append(room, bodies).iterator()));
    List<Future<Long>> inOrder = new ArrayList<>(asked.items().size());
    asked.items().forEach(item -> inOrder.add(seqs.get(item.room()).next().recover(e -> e instanceof Busy
        ? Future.succeededFuture(SequenceRequests.BUSY_SEQ)
        : asked.answerEach() ? Future.succeededFuture(SequenceRequests.UNSTORED_SEQ) : Future.failedFuture(e))));
    Future.all(inOrder).onSuccess(v -> {
      Buffer reply = Wire.reply();
      inOrder.forEach(seq -> reply.appendLong(seq.result()));
      request.reply(reply);
    }).onFailure(e -> request.fail(503, String.valueOf(e.getMessage())));
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
