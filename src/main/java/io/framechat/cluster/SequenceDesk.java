package io.framechat.cluster;

import io.framechat.chat.Sequencer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Where a room's owner answers other nodes' requests to number messages ({@link SequenceRequests}):
 * each room's messages go to its {@link RoomSequencer} in the order asked, and the answer gives each
 * message's seq in that order, or a mark. A message sent again (its first answer came late, or not
 * at all) gets the answer of its first try, waiting for it if need be, and is taken afresh only if
 * that try failed ({@link OpenRequests}): a stalled owner does not store it twice, however many
 * messages its room took in between. Runs on the broadcast verticle's event loop.
 */
final class SequenceDesk {

  private final RoomSequencer sequencer;
  private final OpenRequests open;
  private final IntConsumer known;

  /**
   * @param maxPending {@code cluster.maxPendingMessages}, which bounds what is remembered of a sender's requests
   * @param known counts the messages sent again that this node had taken already
   */
  SequenceDesk(RoomSequencer sequencer, IntSupplier maxPending, IntConsumer known) {
    this.sequencer = sequencer;
    this.open = new OpenRequests(maxPending);
    this.known = known;
  }

  /**
   * Numbers the messages of a request and answers it once each is stored (or refused); a message not
   * stored fails the request of a sender that does not read the mark for it.
   */
  void onSequence(Message<Buffer> request, Wire.Cursor in, long now) {
    SequenceRequests.Request asked = SequenceRequests.read(in);
    SequenceRequests.Tracking tracking = asked.tracking();
    open.settled(tracking.sender(), tracking.settled());
    List<SequenceRequests.Item> items = asked.items();
    List<Future<Long>> answers = new ArrayList<>(items.size());
    Map<String, List<RoomSequencer.Pending>> fresh = new LinkedHashMap<>();
    int again = 0;
    // messages sent again whose first request this node does not know: taken as new, and remembered under it
    boolean[] unknown = new boolean[items.size()];
    for (int i = 0; i < items.size(); i++) {
      SequenceRequests.Item item = items.get(i);
      Future<Long> first = item.sentBefore()
          ? open.answer(tracking.sender(), item.firstRequest(), item.firstIndex()) : null;
      if (first == null) {
        fresh.computeIfAbsent(item.room(), r -> new ArrayList<>()).add(item.message());
        answers.add(null);
        unknown[i] = item.sentBefore();
      } else {
        Future<Long> answer = first.recover(failed -> takeAgain(item));
        open.answered(tracking.sender(), item.firstRequest(), item.firstIndex(), answer);
        answers.add(answer);
        again++;
      }
    }
    if (again > 0) {
      known.accept(again);
    }
    Map<String, Iterator<Future<Long>>> seqs = new HashMap<>();
    fresh.forEach((room, messages) -> seqs.put(room, sequencer.append(room, messages).iterator()));
    for (int i = 0; i < items.size(); i++) {
      if (answers.get(i) == null) {
        answers.set(i, seqs.get(items.get(i).room()).next());
      }
    }
    if (tracking.number() != 0) {
      List<Future<Long>> firstTries = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        SequenceRequests.Item item = items.get(i);
        firstTries.add(item.sentBefore() ? null : answers.get(i));
        if (unknown[i]) {
          // first asked of another owner: a later try here is known by that request too
          open.adopted(tracking.sender(), item.firstRequest(), item.firstIndex(), answers.get(i), now);
        }
      }
      open.opened(tracking.sender(), tracking.number(), firstTries, now);
    }
    answer(request, asked.answerEach(), answers);
  }

  /** Called now and then: forgets requests whose senders have long given them up. */
  void tick(long now) {
    open.expire(now);
  }

  /** A node left: it sends nothing again. */
  void senderLeft(String node) {
    open.senderLeft(node);
  }

  /** Messages remembered in case they are sent again. */
  int remembered() {
    return open.messages();
  }

  private Future<Long> takeAgain(SequenceRequests.Item item) {
    return sequencer.append(item.room(), List.of(item.message())).get(0);
  }

  private static void answer(Message<Buffer> request, boolean answerEach, List<Future<Long>> answers) {
    List<Future<Long>> marked = new ArrayList<>(answers.size());
    answers.forEach(seq -> marked.add(seq.recover(e -> e instanceof Sequencer.Busy
        ? Future.succeededFuture(SequenceRequests.BUSY_SEQ)
        : answerEach ? Future.succeededFuture(SequenceRequests.UNSTORED_SEQ) : Future.failedFuture(e))));
    Future.all(marked).onSuccess(v -> {
      Buffer reply = Wire.reply();
      marked.forEach(seq -> reply.appendLong(seq.result()));
      request.reply(reply);
    }).onFailure(e -> request.fail(503, String.valueOf(e.getMessage())));
  }
}
