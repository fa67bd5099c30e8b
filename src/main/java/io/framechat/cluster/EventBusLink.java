package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link ClusterLink} over the clustered event bus: batches are published to every node
 * ({@value #BROADCAST}), direct messages sent to one node's own address. A batch or direct message
 * of a wire version this node cannot read is dropped and counted.
 */
final class EventBusLink implements ClusterLink {

  /** Where every node publishes its batches. */
  static final String BROADCAST = "framechat.cluster";
  private static final String NODE_PREFIX = "framechat.cluster.node.";

  private final Vertx vertx;
  private final String node;
  private final Consumer<String> unknown;
  private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
  private final Wire.BatchWriter batch;
  private Runnable flushSoon = () -> { };
  private long seq;

  /** @param unknown told (by what: {@code version}, ...) of each message it could not read */
  EventBusLink(Vertx vertx, String node, Consumer<String> unknown) {
    this.vertx = vertx;
    this.node = node;
    this.unknown = unknown;
    this.batch = new Wire.BatchWriter(node);
  }

  @Override
  public Future<Void> start(Listener listener, Runnable flushSoon) {
    this.flushSoon = flushSoon;
    consumers.add(vertx.eventBus().consumer(BROADCAST, message -> {
      Wire.Cursor in = new Wire.Cursor(message.body());
      if (!Wire.readable(in.readByte())) {
        unknown.accept("version");
        return;
      }
      String from = in.readString();
      if (!from.equals(node)) {
        listener.batch(from, in.readLong(), message.body(), in);
      }
    }));
    consumers.add(vertx.eventBus().consumer(NODE_PREFIX + node, message -> {
      Wire.Cursor in = new Wire.Cursor(message.body());
      if (!Wire.readable(in.readByte())) {
        unknown.accept("version");
        message.fail(400, "unknown cluster wire version");
        return;
      }
      listener.direct(in.readByte(), message, in);
    }));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    flush();
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  @Override
  public Buffer item(byte kind) {
    if (batch.isEmpty()) {
      flushSoon.run();
    }
    return batch.item(kind);
  }

  @Override
  public void wantFlush() {
    flushSoon.run();
  }

  @Override
  public void flush() {
    if (!batch.isEmpty()) {
      vertx.eventBus().publish(BROADCAST, batch.take(++seq));
    }
  }

  @Override
  public long seq() {
    return seq;
  }

  @Override
  public void send(String toNode, Buffer message) {
    vertx.eventBus().send(NODE_PREFIX + toNode, message);
  }

  @Override
  public Future<Message<Buffer>> request(String toNode, Buffer message, long timeoutMs) {
    return vertx.eventBus().request(NODE_PREFIX + toNode, message, new DeliveryOptions().setSendTimeout(timeoutMs));
  }
}
