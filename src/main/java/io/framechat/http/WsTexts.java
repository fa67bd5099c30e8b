package io.framechat.http;

import io.framechat.protocol.FrameBatch;

import java.nio.charset.StandardCharsets;

/**
 * The bodies of the batch being fanned out, as the strings a WebSocket text message takes, decoded
 * once per batch rather than once per member: a gateway writes one batch to each of its members in
 * turn. One per gateway, on its event loop.
 */
final class WsTexts {

  private FrameBatch batch;
  private String[] texts;

  String text(FrameBatch frames, int index) {
    if (frames != batch) {
      batch = frames;
      texts = new String[frames.count()];
    }
    String text = texts[index];
    if (text == null) {
      text = frames.body(index).toString(StandardCharsets.UTF_8);
      texts[index] = text;
    }
    return text;
  }
}
