package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message bodies written straight to bytes are byte for byte what Jackson writes for the same message. */
class MessageBodiesTest {

  private static final long SEED_BASE = 0x6D657373L;
  /** Plain ASCII, letters from other scripts, an emoji (a surrogate pair), and what JSON must escape. */
  private static final String[] PIECES = {"a", "Z", "9", " ", "}", "{", ":", ",", "/", "\u007f", "\u00e9", "\u4e2d",
      "\u20ac", "\ud83d\ude00", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\ud800", "\udc00"};

  private static String text(Random random, boolean plainOnly) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      String piece = PIECES[random.nextInt(plainOnly ? 14 : PIECES.length)];
      text.append(piece);
    }
    return text.toString();
  }

  private static Buffer jackson(String text, long ts) {
    return ServerFrames.message("k3f9-1", "dev", "al\u00e9", text, ts).toBuffer();
  }

  @RepeatedTest(300)
  @DisplayName("any text: the same bytes as Jackson's encoding, and with seq and epoch as Stamps adds them")
  void same_bytes_as_jackson(RepetitionInfo run) {
    long seed = SEED_BASE * run.getCurrentRepetition();
    Random random = new Random(seed);
    String text = text(random, random.nextBoolean());
    long ts = random.nextLong() & Long.MAX_VALUE;
    long seq = 1L + random.nextInt(1_000_000);
    assertEquals(jackson(text, ts), MessageBodies.message("k3f9-1", "dev", "al\u00e9", text, ts), "seed " + seed);
    assertEquals(Stamps.sequenced(jackson(text, ts), seq, "ab12cd34"),
        MessageBodies.message("k3f9-1", "dev", "al\u00e9", text, ts, seq, "ab12cd34"), "seed " + seed);
  }

  @Test
  @DisplayName("quotes, backslashes, control characters and surrogates are left to Jackson; other text is written as is")
  void plain_text() {
    assertTrue(MessageBodies.plain("h\u00e9llo, w\u00f6rld: {} / \u4e2d"));
    for (String escaped : new String[] {"say \"hi\"", "a\\b", "line\nbreak", "\u0000", "\ud83d\ude00", "\ud800"}) {
      assertFalse(MessageBodies.plain(escaped), escaped);
    }
  }
}
