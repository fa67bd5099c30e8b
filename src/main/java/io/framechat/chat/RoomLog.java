package io.framechat.chat;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;

/**
 * One room's log in {@link RoomHistory}: its epoch and latest seq, its kept messages in seq order,
 * and what they and the log itself hold on the heap. Single-threaded, as its history is.
 */
final class RoomLog {

  /**
   * What holding one message costs beyond its body's bytes: the entry, the array's header and
   * padding, its slot in the room's queue. Measured with a heap histogram (RoomHistoryMemoryTest).
   */
  static final int ENTRY_OVERHEAD = 64;
  /**
   * What following one room costs beyond its name's and epoch's characters: the log and its queue,
   * the map entries that find it and order it, the name and epoch strings' objects. Measured the same way.
   */
  static final int ROOM_OVERHEAD = 272;

  /**
   * A kept message; its body is a copy of exactly its bytes (never a slice of a batch, nor spare
   * room), held as an array: a buffer object around it would cost more than a small message.
   */
  @SuppressWarnings("ArrayRecordComponent") // an exact array costs least memory; entries are never compared
  record Entry(long seq, long ts, byte[] body) {
    long bytes() {
      return (long) body.length + ENTRY_OVERHEAD;
    }

    Buffer buffer() {
      return Buffer.buffer(body);
    }
  }

  final String room;
  String epoch;
  long lastSeq;
  /** Whether the room was taken up ({@link RoomHistory#load}), not just heard of. */
  boolean loaded;
  final ArrayDeque<Entry> entries = new ArrayDeque<>(2);
  /** What its messages hold (its order among the rooms). */
  long bytes;
  /** What the log itself holds, counted in the total from its making to its end. */
  long own;

  RoomLog(String room, String epoch) {
    this.room = room;
    this.epoch = epoch;
  }
}
