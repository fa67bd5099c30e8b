package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.List;

/**
 * The channel between this node's broadcast verticle and the other nodes', over the clustered event
 * bus. Items written between two flushes go out as one binary batch published to every node
 * ({@value #BROADCAST}): the sender's node id, a sequence number (one more per batch, so a receiver
 * sees a gap) and the items. Direct messages go to one node's own address.
 */
final class ClusterLink {

  /** Where every node publishes its batches. */
  static final String BROADCAST = "framechat.cluster";
  private static final String NODE_PREFIX = "framechat.cluster.node.";

  /** Batch items: membership deltas, then room frames fanned out, then messages numbered by their room's sequencer. */
  static final byte CONNECTED = 1;
  static final byte JOINED = 2;
  static final byte LEFT = 3;
  static final byte RENAMED = 4;
  static final byte GONE = 5;
  static final byte FRAMES = 6;
  static final byte STAMPED = 7;

  /** Direct messages: a frame for one client, a snapshot request, messages to sequence, a client to close. */
  static final byte TO_CLIENT = 1;
  static final byte SNAPSHOT = 2;
  static final byte SEQUENCE = 3;
  static final byte CLOSE = 4;

  /** What arrives from the other nodes. */
  interface Listener {
    /** A batch from another node; {@code items} is positioned at its item count. */
    void batch(String from, long seq, Buffer whole, Wire.Cursor items);

    /** A direct message; {@code in} is positioned after its kind. */
    void direct(byte kind, Message<Buffer> message, Wire.Cursor in);
  }

  private final Vertx vertx;
  private final String node;
  /** Asks the broadcast verticle for a flush, whose end sends the next batch. */
  private Runnable flushSoon = () -> { };
  private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
  private Buffer pending = Buffer.buffer();
  private int pendingItems;
  private long seq;

  ClusterLink(Vertx vertx, String node) {
    this.vertx = vertx;
    this.node = node;
  }

  /** @param flushSoon asks for a flush: called when the first item of a batch is written, or by {@link #wantFlush} */
  Future<Void> start(Listener listener, Runnable flushSoon) {
    this.flushSoon = flushSoon;
    consumers.add(vertx.eventBus().consumer(BROADCAST, message -> {
      Wire.Cursor in = new Wire.Cursor(message.body());
      String from = in.readString();
      if (!from.equals(node)) {
        listener.batch(from, in.readLong(), message.body(), in);
      }
    }));
    consumers.add(vertx.eventBus().consumer(NODE_PREFIX + node, message -> {
      Wire.Cursor in = new Wire.Cursor(message.body());
      listener.direct(in.readByte(), message, in);
    }));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  Future<Void> stop() {
    flush();
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Starts an item of the next batch; the caller appends its fields to the buffer returned. */
  Buffer item(byte kind) {
    if (pendingItems++ == 0) {
      flushSoon.run();
    }
    return pending.appendByte(kind);
  }

  /** Something else of the peers' waits for the next flush (messages to forward to a sequencer). */
  void wantFlush() {
    flushSoon.run();
  }

  /** Publishes the items written since the last flush as one batch; nothing when there are none. */
  void flush() {
    if (pendingItems == 0) {
      return;
    }
    Buffer batch = Buffer.buffer(pending.length() + 64);
    Wire.writeString(batch, node);
    batch.appendLong(++seq).appendInt(pendingItems).appendBuffer(pending);
    pending = Buffer.buffer();
    pendingItems = 0;
    vertx.eventBus().publish(BROADCAST, batch);
  }

  /** The sequence number of the last batch published. */
  long seq() {
    return seq;
  }

  /** A direct message of {@code kind}, to fill in and {@link #send} or {@link #request}. */
  static Buffer direct(byte kind) {
    return Buffer.buffer().appendByte(kind);
  }

  void send(String toNode, Buffer message) {
    vertx.eventBus().send(NODE_PREFIX + toNode, message);
  }

  Future<Message<Buffer>> request(String toNode, Buffer message, long timeoutMs) {
    return vertx.eventBus().request(NODE_PREFIX + toNode, message, new DeliveryOptions().setSendTimeout(timeoutMs));
  }
}
