package io.framechat.chat;

import io.framechat.bus.Addresses;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.cluster.ClusterMembership;
import io.framechat.cluster.ClusterPeers;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.Gateway;
import io.framechat.protocol.FrameEncoder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns nicks, rooms and membership ({@link ChatHub}) and drives fan-out. It consumes
 * {@link InboundBatch}es from the gateways and, at most once per {@code chat.flushIntervalMicros},
 * sends what was produced meanwhile as one {@link io.framechat.bus.OpBatch} to each gateway
 * concerned, and (in a cluster) one batch to the other nodes.
 */
public final class BroadcastVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(BroadcastVerticle.class.getName());
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  /** How often expired history is dropped. */
  private static final long EXPIRE_EVERY_MS = 10_000;

  private final LiveConfig config;
  private final ChatMetrics metrics;
  private final ClusterMembership membership;
  private ClusterPeers clusterPeers;
  private Outbox outbox;
  private ChatHub hub;
  private MessageConsumer<InboundBatch> consumer;
  private boolean flushScheduled;
  private long lastFlushNanos;
  private long expiryTimer;

  /** @param membership the cluster, or null for a single node */
  public BroadcastVerticle(LiveConfig config, ChatMetrics metrics, ClusterMembership membership) {
    this.config = config;
    this.metrics = metrics;
    this.membership = membership;
  }

  @Override
  public Future<?> start() {
    Peers peers = Peers.NONE;
    String nodeTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    if (membership != null) {
      clusterPeers = new ClusterPeers(vertx, membership, config.get().getTcp().getByteOrder());
      peers = clusterPeers;
      nodeTag = Integer.toString(membership.nodeId().hashCode() & 0xFFFFFF, 36);
    }
    outbox = new Outbox(new FrameEncoder(config.get().getTcp().getByteOrder()), peers);
    hub = new ChatHub(() -> config.get().getChat(), outbox, peers, metrics, System::currentTimeMillis, nodeTag,
        this::scheduleFlush);
    consumer = vertx.eventBus().localConsumer(Addresses.HUB, message -> onBatch(message.body()));
    expiryTimer = vertx.setPeriodic(EXPIRE_EVERY_MS, id -> hub.expireHistory());
    Future<Void> registered = consumer.completion();
    return clusterPeers == null ? registered : registered.compose(v -> clusterPeers.start(hub));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(expiryTimer);
    Future<Void> unregistered = consumer.unregister();
    return clusterPeers == null ? unregistered : unregistered.eventually(clusterPeers::stop);
  }

  private void onBatch(InboundBatch batch) {
    for (Inbound item : batch.items()) {
      try {
        hub.handle(item);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "failed to handle " + item, e);
      }
    }
    scheduleFlush();
  }

  private void scheduleFlush() {
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    long wait = lastFlushNanos + config.get().getChat().getFlushIntervalMicros() * 1000L - System.nanoTime();
    if (wait <= 0) {
      context.runOnContext(v -> flush());
    } else {
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), t -> flush());
    }
  }

  /** Sends what the last turn or turns produced; at most once per {@code chat.flushIntervalMicros}. */
  private void flush() {
    flushScheduled = false;
    lastFlushNanos = System.nanoTime();
    metrics.rooms(hub.roomCount());
    if (!outbox.isEmpty()) {
      Outbox.Drained drained = outbox.drain();
      for (Gateway gateway : drained.targets()) {
        vertx.eventBus().send(gateway.address(), drained.batch(), LOCAL);
      }
    }
    if (clusterPeers != null) {
      clusterPeers.flush();
    }
  }
}
