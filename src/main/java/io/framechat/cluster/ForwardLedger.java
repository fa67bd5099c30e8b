package io.framechat.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sender's side of {@link OpenRequests}: numbers its requests to room owners, counts the messages
 * of each it has not settled yet (told their seq, or given up), wherever they were sent again, and
 * collects, per owner, the requests all settled, to tell that owner with the next request to it.
 * Used on the broadcast verticle's event loop only.
 */
final class ForwardLedger {

  private static final class Open {
    final String owner;
    int unsettled;

    Open(String owner, int unsettled) {
      this.owner = owner;
      this.unsettled = unsettled;
    }
  }

  private long last;
  private final Map<Long, Open> open = new HashMap<>();
  private final Map<String, List<Long>> settled = new HashMap<>();

  /** The number of the next request to {@code owner}, which asks {@code first} messages for the first time. */
  long next(String owner, int first) {
    long number = ++last;
    if (first > 0) {
      open.put(number, new Open(owner, first));
    }
    return number;
  }

  /** A message first asked in request {@code number} is settled. */
  void settled(long number) {
    Open request = open.get(number);
    if (request != null && --request.unsettled == 0) {
      open.remove(number);
      settled.computeIfAbsent(request.owner, o -> new ArrayList<>()).add(number);
    }
  }

  /** The requests to {@code owner} settled since the last call; that owner may forget them. */
  List<Long> takeSettled(String owner) {
    List<Long> numbers = settled.remove(owner);
    return numbers == null ? List.of() : numbers;
  }

  /** The node left: it is told nothing more, and forgot what it was asked. */
  void ownerLeft(String owner) {
    settled.remove(owner);
    open.values().removeIf(request -> request.owner.equals(owner));
  }

  /** Requests with a message not settled yet. */
  int open() {
    return open.size();
  }
}
