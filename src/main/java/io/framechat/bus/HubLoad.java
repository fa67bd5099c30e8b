package io.framechat.bus;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the network side of a node has handed its chat and the chat has not taken yet: inbound items
 * on their way to the broadcast verticle, from every gateway. The gateways add what they send and
 * the broadcast verticle takes off what it handled; past {@code limits.maxPendingRequests} the
 * gateways stop reading their clients until the chat has caught up (inbound back-pressure). Shared
 * by every event loop.
 */
public final class HubLoad {

  private final AtomicLong pending = new AtomicLong();

  /** A gateway sent {@code items} to the chat. */
  public void added(int items) {
    pending.addAndGet(items);
  }

  /** The chat handled {@code items}. */
  public void taken(int items) {
    pending.addAndGet(-items);
  }

  /** Items sent and not yet handled. */
  public long pending() {
    return pending.get();
  }
}
