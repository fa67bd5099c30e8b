package io.framechat.cluster;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What a room's owner remembers of the requests other nodes sent it to number messages
 * ({@link SequenceRequests}), so that a message sent again because its answer was late or lost is
 * answered with the seq it got the first time instead of being stored twice: per sender and
 * request, the answer of each message (its seq, or a failure, in which case the message is taken
 * afresh). A request is forgotten once its sender says it settled every message of it, when the
 * sender leaves the cluster, {@link #KEPT_MS} after it came (longer than a sender tries), or, the
 * oldest first, when its sender's requests hold more messages than the bound (a sender keeps at most
 * {@code cluster.maxPendingMessages} unanswered a node, so the bound is that many times
 * {@link #BOUND_TIMES}). Used on the broadcast verticle's event loop only.
 */
final class OpenRequests {

  /** How long a request is remembered at most: a sender gives a message up well within it. */
  static final long KEPT_MS = 60_000;
  /** The messages remembered of one sender, at most, in {@code cluster.maxPendingMessages}. */
  static final int BOUND_TIMES = 10;

  private record Open(long at, List<Future<Long>> answers) {
  }

  /** One sender's requests, in the order they came, and their messages. */
  private static final class Sender {
    final LinkedHashMap<Long, Open> requests = new LinkedHashMap<>();
    int messages;
  }

  private final IntSupplier maxPending;
  private final Map<String, Sender> bySender = new HashMap<>();

  /** @param maxPending {@code cluster.maxPendingMessages} */
  OpenRequests(IntSupplier maxPending) {
    this.maxPending = maxPending;
  }

  /** Remembers the answers of request {@code number} of {@code sender}, one per message in its order (null for one sent before). */
  void opened(String sender, long number, List<Future<Long>> answers, long now) {
    Sender from = bySender.computeIfAbsent(sender, s -> new Sender());
    forget(from, from.requests.put(number, new Open(now, new ArrayList<>(answers))));
    from.messages += answers.size();
    bound(from);
  }

  /** Forgets the sender's oldest requests while they hold more messages than the bound (but the newest). */
  private void bound(Sender from) {
    long bound = (long) BOUND_TIMES * maxPending.getAsInt();
    for (Iterator<Open> oldest = from.requests.values().iterator(); from.messages > bound && from.requests.size() > 1; ) {
      forget(from, oldest.next());
      oldest.remove();
    }
  }

  /**
   * Remembers the answer of a message sent again whose first request this node never had (it went to
   * the room's owner then, another node), so that a later try of it here finds this answer.
   */
  void adopted(String sender, long number, int index, Future<Long> answer, long now) {
    if (index < 0 || index >= maxPending.getAsInt()) {
      return; // a request holds fewer messages than a node may have unanswered
    }
    Sender from = bySender.computeIfAbsent(sender, s -> new Sender());
    Open open = from.requests.computeIfAbsent(number, n -> new Open(now, new ArrayList<>()));
    while (open.answers.size() <= index) {
      open.answers.add(null);
      from.messages++;
    }
    open.answers.set(index, answer);
    bound(from);
  }

  /** The answer message {@code index} of request {@code number} got, or null when it is not remembered. */
  Future<Long> answer(String sender, long number, int index) {
    Open open = find(sender, number);
    return open == null || index < 0 || index >= open.answers.size() ? null : open.answers.get(index);
  }

  /** The message was taken again (its first answer failed): a later try gets this answer. */
  void answered(String sender, long number, int index, Future<Long> answer) {
    Open open = find(sender, number);
    if (open != null && index >= 0 && index < open.answers.size()) {
      open.answers.set(index, answer);
    }
  }

  /** The sender settled every message of these requests. */
  void settled(String sender, List<Long> numbers) {
    Sender from = bySender.get(sender);
    if (from != null) {
      numbers.forEach(number -> forget(from, from.requests.remove(number)));
      if (from.requests.isEmpty()) {
        bySender.remove(sender);
      }
    }
  }

  /** The node left the cluster: it sends nothing again. */
  void senderLeft(String sender) {
    bySender.remove(sender);
  }

  /** Forgets the requests that came more than {@link #KEPT_MS} before {@code now}. */
  void expire(long now) {
    for (Iterator<Sender> senders = bySender.values().iterator(); senders.hasNext(); ) {
      Sender from = senders.next();
      for (Iterator<Open> oldest = from.requests.values().iterator(); oldest.hasNext(); ) {
        Open request = oldest.next();
        if (now - request.at < KEPT_MS) {
          break; // in the order they came
        }
        forget(from, request);
        oldest.remove();
      }
      if (from.requests.isEmpty()) {
        senders.remove();
      }
    }
  }

  /** Messages remembered, of all the requests. */
  int messages() {
    return bySender.values().stream().mapToInt(from -> from.messages).sum();
  }

  private Open find(String sender, long number) {
    Sender from = bySender.get(sender);
    return from == null ? null : from.requests.get(number);
  }

  private static void forget(Sender from, Open request) {
    if (request != null) {
      from.messages -= request.answers.size();
    }
  }
}
