package io.framechat.cluster;

import io.framechat.chat.Sequencer.Busy;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Forwards messages to the nodes that number their rooms: one request per node per flush (at most
 * {@code cluster.maxPendingMessages} wait for one node, queued or unanswered; past that the sender
 * is told busy). A message not answered within {@value #SEQUENCE_TIMEOUT_MS} ms, or answered "not
 * stored", is routed again (to whoever owns its room then) after a wait twice the one before, up to
 * {@value #SEQUENCE_ATTEMPTS} tries, naming the request it was first asked in so that its owner does
 * not store it twice ({@link ForwardLedger}, {@link OpenRequests}). Runs on the broadcast verticle's
 * event loop.
 */
final class Forwarder {

  private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
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

  /**
   * A message waiting to be sequenced by another node; {@code firstRequest} and {@code firstIndex}
   * say where it was first asked (0 and 0 before it is sent).
   */
  record Forwarded(String room, RoomSequencer.Pending message, int attempt, long firstRequest, int firstIndex,
      Promise<Long> done) {

    Forwarded again() {
      return new Forwarded(room, message, attempt + 1, firstRequest, firstIndex, done);
    }
  }

  private final Vertx vertx;
  private final Supplier<String> nodeId;
  private final ClusterLink link;
  /** Messages that may wait to be forwarded to one node, or for its answer. */
  private final IntSupplier maxPending;
  /** Where a message goes again: here, or to its room's owner then. */
  private final Consumer<Forwarded> route;
  /** Messages for other nodes' sequencers, sent at the next flush. */
  private Map<String, List<Forwarded>> forwards = new HashMap<>();
  /** Messages sent to each node's sequencers and not answered yet. */
  private final Map<String, Integer> unanswered = new HashMap<>();
  private final ForwardLedger ledger = new ForwardLedger();
  private final IntConsumer resent;

  /** @param resent counts the messages sent again */
  Forwarder(Vertx vertx, Supplier<String> nodeId, ClusterLink link, IntSupplier maxPending, Consumer<Forwarded> route,
      IntConsumer resent) {
    this.resent = resent;
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.link = link;
    this.maxPending = maxPending;
    this.route = route;
  }

  /** Queues the message for {@code owner}, to go at the next flush; past the bound it is refused as busy. */
  void queue(String owner, Forwarded message) {
    List<Forwarded> toOwner = forwards.computeIfAbsent(owner, o -> new ArrayList<>());
    int waiting = toOwner.size() + unanswered.getOrDefault(owner, 0);
    if (waiting >= maxPending.getAsInt()) {
      settle(message, Future.failedFuture(new Busy(waiting + " messages wait for node " + owner + " to number them")));
      return;
    }
    toOwner.add(message);
    link.wantFlush();
  }

  /** Sends the messages queued, one request per node; called at each flush. */
  void flush() {
    if (!forwards.isEmpty()) {
      // a forward that fails at once is queued again: into the next round, not the one being sent
      Map<String, List<Forwarded>> due = forwards;
      forwards = new HashMap<>();
      due.forEach(this::forward);
    }
  }

  /** The node left: it is told nothing more of what it was asked. */
  void ownerLeft(String owner) {
    ledger.ownerLeft(owner);
  }

  /**
   * Sends one node's share of messages to sequence; what fails is tried again (a new owner, maybe),
   * naming the request it was first asked in, so that its owner does not store it twice.
   */
  private void forward(String owner, List<Forwarded> asked) {
    long number = ledger.next(owner, (int) asked.stream().filter(message -> message.firstRequest() == 0).count());
    List<Forwarded> messages = new ArrayList<>(asked.size());
    List<SequenceRequests.Item> items = new ArrayList<>(asked.size());
    for (Forwarded message : asked) {
      Forwarded sent = message.firstRequest() != 0 ? message : new Forwarded(message.room(), message.message(),
          message.attempt(), number, messages.size(), message.done());
      messages.add(sent);
      items.add(new SequenceRequests.Item(sent.room(), sent.message(), sent.firstRequest() == number ? 0
          : sent.firstRequest(), sent.firstIndex()));
    }
    Buffer out = SequenceRequests.request(items,
        new SequenceRequests.Tracking(nodeId.get(), number, ledger.takeSettled(owner)));
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
              settle(messages.get(i), Future.failedFuture(new Busy("the sequencer of room " + messages.get(i).room()
                  + " on node " + owner + " holds as many messages as it may")));
            } else if (seq == SequenceRequests.UNSTORED_SEQ) {
              unstored.add(messages.get(i));
            } else {
              settle(messages.get(i), Future.succeededFuture(seq));
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
        some.forEach(message -> settle(message, Future.failedFuture(why)));
      } else {
        resent.accept(some.size());
        vertx.setTimer(RETRY_MS << (attempt - 1), t -> some.forEach(message -> route.accept(message.again())));
      }
    });
  }

  /** The message has its seq, or is given up: the request it was first asked in hears of it. */
  void settle(Forwarded message, AsyncResult<Long> seq) {
    message.done().handle(seq);
    if (message.firstRequest() != 0) {
      ledger.settled(message.firstRequest());
    }
  }
}
