package io.framechat.chat;

import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.ServerFrames;

/** Error replies, each counted by its code: what every request handler answers a refusal with. */
final class Replies {

  private final ChatMetrics metrics;
  private final Outbox out;

  Replies(ChatMetrics metrics, Outbox out) {
    this.metrics = metrics;
    this.out = out;
  }

  /** Sends an error reply, counted by code. */
  void error(Client client, ErrorCode code, String message) {
    metrics.error(code);
    out.toClient(client, ServerFrames.error(code, message));
  }
}
