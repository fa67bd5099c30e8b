package io.framechat.server;

import io.vertx.core.buffer.Buffer;

import java.util.Random;

/** The bytes {@link HostileTrafficTest}'s hostile TCP clients send. */
final class HostileBytes {

  private HostileBytes() {
  }

  /** {@code body} as one frame: its length, then its bytes. */
  static Buffer frame(String body) {
    Buffer bytes = Buffer.buffer(body);
    return Buffer.buffer().appendInt(bytes.length()).appendBuffer(bytes);
  }

  /**
   * What a hostile TCP client of the given kind sends next: 0 random bytes, 1 a flood of fifty
   * frames, 2 a header announcing 4 GB, any other a bad request (broken JSON, an unknown type, a
   * missing field, a reserved nick, a text too long), now and then with half a frame or invalid
   * UTF-8 after it.
   */
  static Buffer next(int kind, Random random) {
    switch (kind) {
      case 0 -> {
        byte[] garbage = new byte[1 + random.nextInt(2048)];
        random.nextBytes(garbage);
        return Buffer.buffer(garbage);
      }
      case 1 -> {
        Buffer flood = Buffer.buffer();
        for (int i = 0; i < 50; i++) {
          flood.appendBuffer(frame("spam spam spam " + i));
        }
        return flood;
      }
      case 2 -> {
        return Buffer.buffer().appendUnsignedInt(0xFFFFFFF0L).appendString("never mind the body");
      }
      default -> {
        String[] bad = {"{\"type\":", "[1,2,3]", "{\"type\":\"teleport\"}", "/dance", "{\"type\":\"join\"}",
            "{\"type\":\"hello\",\"nick\":\"server\"}", "{\"type\":\"say\",\"text\":\"" + "x".repeat(5000) + "\"}"};
        Buffer out = frame(bad[random.nextInt(bad.length)]);
        if (random.nextInt(4) == 0) {
          out.appendBytes(new byte[] {0, 0, 1, 0, 'h', 'a', 'l', 'f'});
        }
        if (random.nextInt(4) == 0) {
          out.appendBuffer(Buffer.buffer().appendInt(3).appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, 'x'}));
        }
        return out;
      }
    }
  }
}
