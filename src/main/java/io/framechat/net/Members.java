package io.framechat.net;

import java.util.Arrays;

/**
 * The local members of one room. Fan-out iterates a snapshot, a plain array that a member closing
 * during the loop cannot disturb; joins and leaves change a growable array in place, and the
 * snapshot is copied again only at the next fan-out after a change (10,000 clients joining a room
 * no fan-out reaches meanwhile copy nothing).
 */
final class Members {

  private static final Endpoint[] EMPTY = new Endpoint[0];

  private Endpoint[] members = EMPTY;
  private int size;
  /** The members as of the last change, for fan-out; null until asked for after a change. */
  private Endpoint[] snapshot = EMPTY;

  Endpoint[] snapshot() {
    if (snapshot == null) {
      snapshot = Arrays.copyOf(members, size);
    }
    return snapshot;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Adds an endpoint that is not a member yet (its gateway's {@link LocalRooms} knows). */
  void add(Endpoint endpoint) {
    if (size == members.length) {
      members = Arrays.copyOf(members, Math.max(4, size * 2));
    }
    members[size++] = endpoint;
    snapshot = null;
  }

  void remove(Endpoint endpoint) {
    int index = indexOf(endpoint);
    if (index >= 0) {
      // fan-out order does not matter: the last member takes the place
      members[index] = members[--size];
      members[size] = null;
      if (size < members.length / 4) {
        members = Arrays.copyOf(members, Math.max(4, members.length / 2));
      }
      snapshot = null;
    }
  }

  private int indexOf(Endpoint endpoint) {
    for (int i = 0; i < size; i++) {
      if (members[i] == endpoint) {
        return i;
      }
    }
    return -1;
  }
}
