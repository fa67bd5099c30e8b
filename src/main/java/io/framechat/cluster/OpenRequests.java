package io.framechat.cluster;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a room's owner remembers of the requests other nodes sent it to number messages
 * ({@link SequenceRequests}), so that a message sent again because its answer was late or lost is
 * answered with the seq it got the first time instead of being stored twice: per sender and
 * request, the answer of each message (its seq, or a failure, in which case the message is taken
 * afresh). A request is forgotten once its sender says it settled every message of it, when the
 * sender leaves the cluster, or {@link #KEPT_MS} after it came (longer than a sender tries). Used
 * on the broadcast verticle's event loop only.
 */
final class OpenRequests {

  /** How long a request is remembered at most: a sender gives a message up well within it. */
  static final long KEPT_MS = 60_000;

  private record Open(long at, List<Future<Long>> answers) {
  }

  private final Map<String, LinkedHashMap<Long, Open>> bySender = new HashMap<>();
  private int messages;

  /** Remembers the answers of request {@code number} of {@code sender}, one per message in its order (null for one sent before). */
  void opened(String sender, long number, List<Future<Long>> answers, long now) {
    Open open = new Open(now, new ArrayList<>(answers));
    Open was = bySender.computeIfAbsent(sender, s -> new LinkedHashMap<>()).put(number, open);
    messages += open.answers.size() - (was == null ? 0 : was.answers.size());
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
    LinkedHashMap<Long, Open> open = bySender.get(sender);
    if (open != null) {
      numbers.forEach(number -> forget(open.remove(number)));
      if (open.isEmpty()) {
        bySender.remove(sender);
      }
    }
  }

  /** The node left the cluster: it sends nothing again. */
  void senderLeft(String sender) {
    LinkedHashMap<Long, Open> open = bySender.remove(sender);
    if (open != null) {
      open.values().forEach(this::forget);
    }
  }

  /** Forgets the requests that came more than {@link #KEPT_MS} before {@code now}. */
  void expire(long now) {
    for (Iterator<LinkedHashMap<Long, Open>> senders = bySender.values().iterator(); senders.hasNext(); ) {
      LinkedHashMap<Long, Open> open = senders.next();
      for (Iterator<Open> oldest = open.values().iterator(); oldest.hasNext(); ) {
        Open request = oldest.next();
        if (now - request.at < KEPT_MS) {
          break; // in the order they came
        }
        forget(request);
        oldest.remove();
      }
      if (open.isEmpty()) {
        senders.remove();
      }
    }
  }

  /** Messages remembered, of all the requests. */
  int messages() {
    return messages;
  }

  private Open find(String sender, long number) {
    LinkedHashMap<Long, Open> open = bySender.get(sender);
    return open == null ? null : open.get(number);
  }

  private void forget(Open request) {
    if (request != null) {
      messages -= request.answers.size();
    }
  }
}
