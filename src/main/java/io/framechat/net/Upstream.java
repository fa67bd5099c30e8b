package io.framechat.net;

import io.framechat.bus.HubLoad;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.config.LiveConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a gateway's endpoints report, on its way up to the broadcast verticle: gathered into one
 * {@link InboundBatch} per event-loop turn, counted in the node's {@link HubLoad}. Past
 * {@code limits.maxPendingRequests} items not yet taken by the chat, the endpoint that reported is
 * no longer read (inbound back-pressure: its kernel buffer fills and its sender slows down); the
 * paused endpoints are read again once the chat is down to half of that.
 *
 * <p>All methods run on the event loop of the gateway's verticle.
 */
final class Upstream {

  /** How often endpoints not read are looked at, to read them again once the chat caught up. */
  static final long RESUME_CHECK_MS = 10;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final Context context;
  private final String hubAddress;
  private final HubLoad load;
  private final LiveConfig config;
  /** Endpoints not read while the chat catches up. */
  private final Set<Endpoint> paused = new LinkedHashSet<>();
  private long resumeTimer = -1;
  private List<Inbound> pending;
  private boolean stopped;

  Upstream(Vertx vertx, Context context, NodeContext node) {
    this.vertx = vertx;
    this.context = context;
    this.hubAddress = node.hubAddress();
    this.load = node.load();
    this.config = node.config();
  }

  /** Adds an item to this turn's batch, sent at the end of the turn. */
  void submit(Inbound item) {
    if (stopped) {
      return;
    }
    if (pending == null) {
      pending = new ArrayList<>();
      context.runOnContext(v -> send());
    }
    pending.add(item);
  }

  /** After {@code endpoint} reported a request: stops reading it while the chat is overloaded. */
  void pauseIfOverloaded(Endpoint endpoint) {
    if (overloaded() && paused.add(endpoint)) {
      endpoint.pauseReading();
      if (resumeTimer < 0) {
        resumeTimer = vertx.setPeriodic(RESUME_CHECK_MS, t -> resumeWhenCaughtUp());
      }
    }
  }

  /** Whether the chat has more than {@code limits.maxPendingRequests} not yet taken (this turn's included). */
  boolean overloaded() {
    return load.pending() + (pending == null ? 0 : pending.size()) > config.get().limits().maxPendingRequests();
  }

  /** The endpoints not read now. */
  int pausedCount() {
    return paused.size();
  }

  /** Sends nothing more (the node is going down). */
  void stop() {
    stopped = true;
    if (resumeTimer >= 0) {
      vertx.cancelTimer(resumeTimer);
      resumeTimer = -1;
    }
  }

  private void resumeWhenCaughtUp() {
    if (load.pending() > config.get().limits().maxPendingRequests() / 2) {
      return;
    }
    vertx.cancelTimer(resumeTimer);
    resumeTimer = -1;
    List<Endpoint> resumed = List.copyOf(paused);
    paused.clear();
    resumed.stream().filter(Endpoint::isOpen).forEach(Endpoint::resumeReading);
  }

  private void send() {
    InboundBatch batch = new InboundBatch(pending);
    pending = null;
    if (!stopped) {
      load.added(batch.items().size());
      vertx.eventBus().send(hubAddress, batch, LOCAL);
    }
  }
}
