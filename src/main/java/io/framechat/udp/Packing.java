package io.framechat.udp;

import io.framechat.protocol.FrameBatch;

import java.util.Arrays;

/**
 * How a batch's frames go into packed datagrams (the {@code "pack":true} extension): bodies in order,
 * separated by one newline, as many to a datagram as fit in {@code packBytes}; a body longer than
 * that goes alone. The server's frames are JSON, which never holds a raw newline, so a client splits a
 * datagram at each one.
 */
final class Packing {

  private Packing() {
  }

  /**
   * Where each datagram starts: the index of its first body, then {@code frames.count()} after the last
   * (so datagram {@code d} holds bodies {@code starts[d]} to {@code starts[d + 1] - 1}).
   */
  static int[] starts(FrameBatch frames, int packBytes) {
    int[] starts = new int[Math.min(frames.count(), 16) + 1];
    int datagrams = 0;
    int size = 0;
    for (int i = 0; i < frames.count(); i++) {
      int length = frames.bodyLength(i);
      if (i == 0 || size + 1 + length > packBytes) {
        if (datagrams + 1 >= starts.length) {
          starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[datagrams++] = i;
        size = length;
      } else {
        size += 1 + length;
      }
    }
    starts[datagrams] = frames.count();
    return Arrays.copyOf(starts, datagrams + 1);
  }
}
