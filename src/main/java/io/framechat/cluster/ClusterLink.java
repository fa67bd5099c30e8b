package io.framechat.cluster;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;

/**
 * The channel between this node's broadcast verticle and the other nodes'. Items written between two
 * flushes go out as one batch to every node, with the sender's node id and a sequence number (one
 * more per batch, so a receiver sees a gap); direct messages go to one node. What the bytes look
 * like is {@link Wire}'s: every batch and direct message carries the wire version, every item its
 * length, so a node skips what it does not know. {@link EventBusLink} carries them over the
 * clustered event bus; tests play the other nodes with their own.
 */
interface ClusterLink {

  /** Batch items: membership deltas, then room frames fanned out, then messages numbered by their room's sequencer. */
  byte CONNECTED = 1;
  byte JOINED = 2;
  byte LEFT = 3;
  byte RENAMED = 4;
  byte GONE = 5;
  byte FRAMES = 6;
  byte STAMPED = 7;

  /**
   * Direct messages: a frame for one client, a snapshot request, messages to sequence, a client to
   * close, what a person's session did ({@link PersonEvents}).
   */
  byte TO_CLIENT = 1;
  byte SNAPSHOT = 2;
  byte SEQUENCE = 3;
  byte CLOSE = 4;
  byte PERSON = 5;

  /** What arrives from the other nodes. */
  interface Listener {
    /** A batch from another node; {@code items} is positioned at its item count. */
    void batch(String from, long seq, Buffer whole, Wire.Cursor items);

    /** A direct message; {@code in} is positioned after its kind. */
    void direct(byte kind, Message<Buffer> message, Wire.Cursor in);
  }

  /**
   * Starts listening for what the other nodes send.
   *
   * @param flushSoon asks for a flush: called when the first item of a batch is written, or by {@link #wantFlush}
   */
  Future<Void> start(Listener listener, Runnable flushSoon);

  /** Sends what is pending and stops listening. */
  Future<Void> stop();

  /**
   * Starts an item of the next batch; the caller appends its fields to the buffer returned, before
   * the next item is started or the batch flushed (its length is set then).
   */
  Buffer item(byte kind);

  /** Something else of the peers' waits for the next flush (messages to forward to a sequencer). */
  void wantFlush();

  /** Sends the items written since the last flush as one batch; nothing when there are none. */
  void flush();

  /** The sequence number of the last batch sent. */
  long seq();

  /** A direct message of {@code kind}, to fill in and {@link #send} or {@link #request}. */
  static Buffer direct(byte kind) {
    return Wire.direct(kind);
  }

  void send(String toNode, Buffer message);

  Future<Message<Buffer>> request(String toNode, Buffer message, long timeoutMs);
}
