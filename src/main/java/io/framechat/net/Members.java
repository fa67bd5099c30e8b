package io.framechat.net;

import java.util.Arrays;

/**
 * The local members of one room, as a copy-on-write array: fan-out iterates a plain array (the
 * hot path), and a member that closes during the loop cannot disturb it. Joins and leaves copy.
 */
final class Members {

  private static final Endpoint[] EMPTY = new Endpoint[0];

  private Endpoint[] members = EMPTY;

  Endpoint[] snapshot() {
    return members;
  }

  boolean isEmpty() {
    return members.length == 0;
  }

  void add(Endpoint endpoint) {
    if (indexOf(endpoint) < 0) {
      Endpoint[] next = Arrays.copyOf(members, members.length + 1);
      next[members.length] = endpoint;
      members = next;
    }
  }

  void remove(Endpoint endpoint) {
    int index = indexOf(endpoint);
    if (index >= 0) {
      Endpoint[] next = new Endpoint[members.length - 1];
      System.arraycopy(members, 0, next, 0, index);
      System.arraycopy(members, index + 1, next, index, members.length - index - 1);
      members = next;
    }
  }

  private int indexOf(Endpoint endpoint) {
    for (int i = 0; i < members.length; i++) {
      if (members[i] == endpoint) {
        return i;
      }
    }
    return -1;
  }
}
