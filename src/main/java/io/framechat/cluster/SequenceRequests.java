package io.framechat.cluster;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The direct message by which a node asks a room's owner to number messages
 * ({@link ClusterLink#SEQUENCE}): a count, then each message's room, id and body, then
 * {@link #ANSWER_EACH}, then what lets the owner know a message sent again ({@link Tracking}). The
 * owner answers with {@link Wire#reply()} and each message's seq in the order asked (-1 for one
 * stored before, sent again), or one of the marks below. Each part after the bodies was added by a
 * later release and is read only when present; an earlier release ignores it.
 */
final class SequenceRequests {

  /** Answered for a message its room's owner did not take: it holds {@code cluster.maxPendingMessages}. */
  static final long BUSY_SEQ = -2;
  /** Answered for a message its room's owner could not store (it stored the others asked): send it again. */
  static final long UNSTORED_SEQ = -3;
  /**
   * Follows the bodies in a request from a node that reads {@link #UNSTORED_SEQ}: the owner then
   * answers for each message, where it fails the whole request of a node of an earlier release
   * (which ignores the byte) when one message was not stored, and that node sends them all again.
   */
  static final byte ANSWER_EACH = 1;

  /**
   * A message to number, and its room; {@code firstRequest} and {@code firstIndex} say where it was
   * asked first when it is sent again (0 and 0 when it is not).
   */
  record Item(String room, RoomSequencer.Pending message, long firstRequest, int firstIndex) {
    Item(String room, RoomSequencer.Pending message) {
      this(room, message, 0, 0);
    }

    boolean sentBefore() {
      return firstRequest != 0;
    }
  }

  /**
   * What lets the owner know a message sent again: the sender's node id, this request's number (one
   * more per request the sender makes, from 1), and the numbers of earlier requests to this owner
   * whose every message the sender has settled since (told its seq, or given up): the owner may
   * forget them. {@link #NONE} for a request without it (an earlier release's).
   */
  record Tracking(String sender, long number, List<Long> settled) {
    static final Tracking NONE = new Tracking("", 0, List.of());
  }

  /** A request as read: its messages in order, whether its sender reads {@link #UNSTORED_SEQ}, and its tracking. */
  record Request(List<Item> items, boolean answerEach, Tracking tracking) {
  }

  private SequenceRequests() {
  }

  /** The request for {@code items}, in order. */
  static Buffer request(List<Item> items, Tracking tracking) {
    Buffer out = ClusterLink.direct(ClusterLink.SEQUENCE).appendInt(items.size());
    int again = 0;
    for (Item item : items) {
      Wire.writeString(out, item.room());
      Wire.writeString(out, item.message().id());
      out.appendInt(item.message().body().length()).appendBuffer(item.message().body());
      again += item.sentBefore() ? 1 : 0;
    }
    out.appendByte(ANSWER_EACH);
    Wire.writeString(out, tracking.sender());
    out.appendLong(tracking.number()).appendInt(tracking.settled().size());
    tracking.settled().forEach(out::appendLong);
    out.appendInt(again);
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.sentBefore()) {
        out.appendInt(i).appendLong(item.firstRequest()).appendInt(item.firstIndex());
      }
    }
    return out;
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
    boolean answerEach = in.more() && in.readByte() == ANSWER_EACH;
    if (!answerEach || !in.more()) {
      return new Request(items, answerEach, Tracking.NONE);
    }
    String sender = in.readString();
    long number = in.readLong();
    int settledCount = in.readInt();
    List<Long> settled = new ArrayList<>(settledCount);
    for (int i = 0; i < settledCount; i++) {
      settled.add(in.readLong());
    }
    int again = in.readInt();
    for (int i = 0; i < again; i++) {
      int index = in.readInt();
      long firstRequest = in.readLong();
      int firstIndex = in.readInt();
      if (index >= 0 && index < items.size()) {
        Item item = items.get(index);
        items.set(index, new Item(item.room(), item.message(), firstRequest, firstIndex));
      }
    }
    return new Request(items, true, new Tracking(sender, number, settled));
  }
}
