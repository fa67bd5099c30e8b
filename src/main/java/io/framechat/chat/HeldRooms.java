package io.framechat.chat;

import java.util.Arrays;

/**
 * The rooms one client holds, in join order (the most recently joined last), each with the seq its
 * room stood at when the client entered it: later messages came live. Two small arrays rather than
 * a set and a map, as most clients hold one or two rooms (at most {@code chat.maxRoomsPerClient}).
 */
final class HeldRooms {

  private static final String[] NO_NAMES = new String[0];
  private static final long[] NO_SEQS = new long[0];

  private String[] names = NO_NAMES;
  private long[] enteredAt = NO_SEQS;
  private int size;

  int size() {
    return size;
  }

  boolean contains(String room) {
    return indexOf(room) >= 0;
  }

  /** The rooms, oldest first, as a copy (rooms may be left while it is gone through). */
  String[] toArray() {
    return Arrays.copyOf(names, size);
  }

  /** The most recently joined room, or null when none is held. */
  String last() {
    return size == 0 ? null : names[size - 1];
  }

  /** The seq the room stood at when the client entered it, or null when the room is not held. */
  Long enteredAt(String room) {
    int at = indexOf(room);
    return at < 0 ? null : enteredAt[at];
  }

  /** Adds a room as the most recently joined, entered at {@code seq}. */
  void add(String room, long seq) {
    remove(room);
    if (size == names.length) {
      int capacity = Math.max(1, size * 2);
      names = Arrays.copyOf(names, capacity);
      enteredAt = Arrays.copyOf(enteredAt, capacity);
    }
    names[size] = room;
    enteredAt[size++] = seq;
  }

  /** Makes a held room the most recently joined one, keeping its seq. */
  void moveLast(String room) {
    int at = indexOf(room);
    if (at >= 0) {
      long seq = enteredAt[at];
      remove(room);
      add(room, seq);
    }
  }

  void remove(String room) {
    int at = indexOf(room);
    if (at < 0) {
      return;
    }
    System.arraycopy(names, at + 1, names, at, size - at - 1);
    System.arraycopy(enteredAt, at + 1, enteredAt, at, size - at - 1);
    names[--size] = null;
  }

  private int indexOf(String room) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(room)) {
        return i;
      }
    }
    return -1;
  }
}
