package io.framechat.client;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a UDP client cuts a datagram into frames, and recognizes the frames it handles itself. */
class UdpSplitTest {

  private static List<String> frames(Buffer datagram) {
    List<String> frames = new ArrayList<>();
    UdpChatConnection.split(datagram, frame -> frames.add(frame.toString()));
    return frames;
  }

  @Test
  @DisplayName("one frame, several frames, a final newline, an empty datagram; a slice is cut from where it starts")
  void splits_at_newlines() {
    assertEquals(List.of("{\"a\":1}"), frames(Buffer.buffer("{\"a\":1}")));
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}"), frames(Buffer.buffer("{\"a\":1}\n{\"b\":2}\n{\"c\":3}")));
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), frames(Buffer.buffer("{\"a\":1}\n{\"b\":2}\n")));
    assertEquals(List.of(""), frames(Buffer.buffer()));
    assertEquals(List.of("", "x"), frames(Buffer.buffer("\nx")));
    Buffer wider = Buffer.buffer("skip{\"a\":1}\n{\"b\":2}tail");
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), frames(wider.slice(4, wider.length() - 4)));
  }

  @Test
  @DisplayName("a prefix is compared byte by byte, a shorter body never matches")
  void prefixes() {
    byte[] welcome = "{\"type\":\"welcome\"".getBytes(StandardCharsets.US_ASCII);
    assertTrue(UdpChatConnection.startsWith(Buffer.buffer("{\"type\":\"welcome\",\"nick\":\"a\"}"), welcome));
    assertFalse(UdpChatConnection.startsWith(Buffer.buffer("{\"type\":\"message\",\"nick\":\"a\"}"), welcome));
    assertFalse(UdpChatConnection.startsWith(Buffer.buffer("{\"type\""), welcome));
  }
}
