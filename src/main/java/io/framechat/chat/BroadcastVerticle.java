package io.framechat.chat;

import io.framechat.bans.BanList;
import io.framechat.bus.HubLoad;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.FrameEncoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns nicks, rooms and membership ({@link ChatHub}) and drives fan-out. It consumes
 * {@link InboundBatch}es from the gateways and, as soon as nothing else is queued on its event loop
 * (or at most once per {@code chat.flushIntervalMicros} if set), sends what was produced meanwhile as one {@link io.framechat.bus.OpBatch} to each gateway
 * concerned, and (in a cluster) one batch to the other nodes. What it needs to know of the other
 * nodes ({@link Peers}) and how messages are numbered ({@link Sequencer}) is handed in.
 */
public final class BroadcastVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(BroadcastVerticle.class.getName());
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  /** How often expired history is dropped. */
  private static final long EXPIRE_EVERY_MS = 10_000;

  private final String address;
  private final LiveConfig config;
  private final ChatMetrics metrics;
  private final Peers peers;
  private final Sequencer sequencer;
  private final Naming naming;
  private final Authenticator authenticator;
  private final BanList bans;
  private final String adminAddress;
  private final HubLoad load;
  private final MessageStore store;
  private Outbox outbox;
  private ChatHub hub;
  private MessageConsumer<InboundBatch> consumer;
  private MessageConsumer<JsonObject> admin;
  private boolean flushScheduled;
  private volatile Thread eventLoop;
  private long lastFlushNanos;
  private long expiryTimer;
  private long heldTimer;
  private long tickTimer;
  private long loginTimer;

  /**
   * @param address where the gateways of this server send to
   * @param authenticator checks login tokens; null when authentication is off
   * @param bans the bans in force (a new ban sends away the clients it covers)
   * @param adminAddress where this node answers the admin API ({@link io.framechat.bus.AdminOps}), across a cluster
   * @param store where history, and people's read positions, are kept beyond memory ({@link MessageStore#NONE}:
   *     nowhere; read positions are then kept in memory)
   * @param load what the gateways handed this verticle and it has not handled yet: it takes off what it handles
   */
  public BroadcastVerticle(String address, LiveConfig config, ChatMetrics metrics, Peers peers, Sequencer sequencer,
      MessageStore store, Naming naming, Authenticator authenticator, BanList bans, String adminAddress, HubLoad load) {
    this.store = store;
    this.load = load;
    this.address = address;
    this.config = config;
    this.metrics = metrics;
    this.peers = peers;
    this.sequencer = sequencer;
    this.naming = naming;
    this.authenticator = authenticator;
    this.bans = bans;
    this.adminAddress = adminAddress;
  }

  /** The thread of this verticle's event loop, once started (null before). */
  public Thread eventLoop() {
    return eventLoop;
  }

  @Override
  public Future<?> start() {
    eventLoop = Thread.currentThread();
    outbox = new Outbox(new FrameEncoder(config.get().tcp().byteOrder()), peers, this::scheduleFlush);
    ReadPositions reads = store.readPositions() != null ? store.readPositions() : ReadPositions.inMemory();
    hub = new ChatHub(config::get, authenticator, bans, outbox, peers, sequencer, store, reads, metrics,
        System::currentTimeMillis, naming);
    sequencer.start(hub.sink());
    consumer = vertx.eventBus().localConsumer(address, message -> onBatch(message.body()));
    AdminDesk desk = new AdminDesk(vertx, hub.operator());
    admin = vertx.eventBus().consumer(adminAddress, desk::handle);
    bans.onChange(all -> context.runOnContext(v -> hub.operator().enforce(all, bans)));
    expiryTimer = vertx.setPeriodic(EXPIRE_EVERY_MS, id -> hub.expireHistory());
    heldTimer = vertx.setPeriodic(InOrder.HOLD_MS / 4, id -> hub.releaseHeld());
    tickTimer = vertx.setPeriodic(1000, id -> sequencer.tick(System.currentTimeMillis()));
    loginTimer = authenticator == null ? -1 : vertx.setPeriodic(1000, id -> hub.sweepLogins());
    return Future.join(consumer.completion(), admin.completion()).compose(v -> peers.start(hub.fromPeers()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(expiryTimer);
    vertx.cancelTimer(heldTimer);
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(loginTimer);
    // the sequencer last: it records where each room stands once nothing more is numbered
    return Future.join(consumer.unregister(), admin.unregister()).eventually(peers::stop)
        .eventually(sequencer::close);
  }

  /**
   * Starts draining the clients of this node ({@link ChatHub#drain}, over {@code server.drainSeconds});
   * completes once every message accepted before is on its way and every gateway was told to say
   * {@code bye}. Call before the network verticles stop.
   */
  public Future<Void> drain() {
    Promise<Void> told = Promise.promise();
    context.runOnContext(v -> hub.drain(config.get().server().drainSeconds(), () -> {
      flush();
      told.complete();
    }));
    return told.future();
  }

  private void onBatch(InboundBatch batch) {
    for (Inbound item : batch.items()) {
      try {
        hub.handle(item);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "failed to handle " + item, e);
      }
    }
    load.taken(batch.items().size());
  }

  private void scheduleFlush() {
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    long wait = lastFlushNanos + config.get().chat().flushIntervalMicros() * 1000L - System.nanoTime();
    if (wait <= 0) {
      context.runOnContext(v -> flush());
    } else {
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), t -> flush());
    }
  }

  /** Sends what was produced since the last flush. */
  private void flush() {
    flushScheduled = false;
    lastFlushNanos = System.nanoTime();
    metrics.rooms(hub.roomCount());
    // taken even when empty: a flush asked for by the peers alone is a flush all the same
    Outbox.Taken taken = outbox.take();
    for (String gateway : taken.gateways()) {
      vertx.eventBus().send(gateway, taken.batch(), LOCAL);
    }
    peers.flush();
  }
}
