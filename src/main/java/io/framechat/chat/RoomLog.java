package io.framechat.chat;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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

  /**
   * Puts in, in seq order, the messages from {@code firstSeq} on that it does not hold (those it
   * holds stay as they are), kept since {@code now}; returns the bytes they add.
   */
  long merge(long firstSeq, List<Buffer> bodies, long now) {
    List<Entry> merged = new ArrayList<>(entries.size() + bodies.size());
    Iterator<Entry> held = entries.iterator();
    Entry next = held.hasNext() ? held.next() : null;
    long added = 0;
    for (int i = 0; i < bodies.size(); i++) {
      long seq = firstSeq + i;
      while (next != null && next.seq() < seq) {
        merged.add(next);
        next = held.hasNext() ? held.next() : null;
      }
      if (next == null || next.seq() > seq) {
        Entry loaded = new Entry(seq, now, bodies.get(i).getBytes());
        merged.add(loaded);
        added += loaded.bytes();
      }
    }
    while (next != null) {
      merged.add(next);
      next = held.hasNext() ? held.next() : null;
    }
    entries.clear();
    entries.addAll(merged);
    return added;
  }
}
