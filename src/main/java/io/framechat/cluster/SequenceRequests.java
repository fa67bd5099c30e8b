package io.framechat.cluster;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The direct message by which a node asks a room's owner to number messages
 * ({@link ClusterLink#SEQUENCE}): a count, then each message's room, id and body, then
 * {@link #ANSWER_EACH}. The owner answers with {@link Wire#reply()} and each message's seq in the
 * order asked (-1 for one stored before, sent again), or one of the marks below.
 */
final class SequenceRequests {

  /** Answered for a message its room's owner did not take: it holds {@code cluster.maxPendingMessages}. */
  static final long BUSY_SEQ = -2;
  /** Answered for a message its room's owner could not store (it stored the others asked): send it again. */
  static final long UNSTORED_SEQ = -3;
  /**
   * Ends a request from a node that reads {@link #UNSTORED_SEQ}: the owner then answers for each
   * message, where it fails the whole request of a node of an earlier release (which ignores the
   * byte) when one message was not stored, and that node sends them all again.
   */
  static final byte ANSWER_EACH = 1;

  /** A message to number, and its room. */
  record Item(String room, RoomSequencer.Pending message) {
  }

  /** A request as read: its messages in order, and whether its sender reads {@link #UNSTORED_SEQ}. */
  record Request(List<Item> items, boolean answerEach) {
  }

  private SequenceRequests() {
  }

  /** The request for {@code items}, in order. */
  static Buffer request(List<Item> items) {
    Buffer out = ClusterLink.direct(ClusterLink.SEQUENCE).appendInt(items.size());
    for (Item item : items) {
      Wire.writeString(out, item.room());
      Wire.writeString(out, item.message().id());
      out.appendInt(item.message().body().length()).appendBuffer(item.message().body());
    }
    return out.appendByte(ANSWER_EACH);
  }

  /** Reads a request; {@code in} is positioned at its count. */
  static Request read(Wire.Cursor in) {
    int count = in.readInt();
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String room = in.readString();
      String id = in.readString();
      int length = in.readInt();
      Buffer body = in.buffer.slice(in.pos, in.pos + length).copy();
      in.pos += length;
      items.add(new Item(room, new RoomSequencer.Pending(id, body)));
    }
    return new Request(items, in.more() && in.readByte() == ANSWER_EACH);
  }
}
