package io.framechat.chat;

import io.framechat.bus.Addresses;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.config.FramechatConfig;
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
 * {@link InboundBatch}es from the gateways and, once per event-loop turn, sends what the turn
 * produced as one {@link io.framechat.bus.OpBatch} to each gateway concerned.
 */
public final class BroadcastVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(BroadcastVerticle.class.getName());
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final FramechatConfig config;
  private Outbox outbox;
  private ChatHub hub;
  private MessageConsumer<InboundBatch> consumer;
  private boolean flushScheduled;
  private long lastFlushNanos;

  public BroadcastVerticle(FramechatConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    outbox = new Outbox(new FrameEncoder(config.getTcp().getByteOrder()));
    String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36) + "-";
    hub = new ChatHub(config.getChat(), outbox, System::currentTimeMillis, idPrefix);
    consumer = vertx.eventBus().localConsumer(Addresses.HUB, message -> onBatch(message.body()));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  private void onBatch(InboundBatch batch) {
    for (Inbound item : batch.items()) {
      try {
        hub.handle(item);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "failed to handle " + item, e);
      }
    }
    if (!flushScheduled && !outbox.isEmpty()) {
      flushScheduled = true;
      long wait = lastFlushNanos + config.getChat().getFlushIntervalMicros() * 1000L - System.nanoTime();
      if (wait <= 0) {
        context.runOnContext(v -> flush());
      } else {
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), t -> flush());
      }
    }
  }

  /** Sends what the last turn or turns produced; at most once per {@code chat.flushIntervalMicros}. */
  private void flush() {
    flushScheduled = false;
    lastFlushNanos = System.nanoTime();
    Outbox.Drained drained = outbox.drain();
    for (Gateway gateway : drained.targets()) {
      vertx.eventBus().send(gateway.address(), drained.batch(), LOCAL);
    }
  }
}
