package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Adds fields to an encoded JSON object body by splicing bytes before its closing brace, so a
 * message encoded once can be given its room sequence, or marked as history, without decoding or
 * re-encoding it. The body must be a JSON object ending in '}' (as {@link io.vertx.core.json.JsonObject#toBuffer()}
 * makes), and the names added must not be in it already.
 */
public final class Stamps {

  private static final byte[] HISTORY = ",\"history\":true}".getBytes(StandardCharsets.US_ASCII);

  private Stamps() {
  }

  /** {@code body} with {@code "seq":SEQ,"epoch":EPOCH} added. The epoch is a plain token (no escapes). */
  public static Buffer sequenced(Buffer body, long seq, String epoch) {
    int end = body.length() - 1;
    return Buffer.buffer(end + 40 + epoch.length())
        .appendBuffer(body, 0, end)
        .appendString(",\"seq\":").appendString(Long.toString(seq))
        .appendString(",\"epoch\":\"").appendString(epoch).appendString("\"}");
  }

  /** {@code body} with {@code "history":true} added: a copy sent as part of a replay. */
  public static Buffer history(Buffer body) {
    int end = body.length() - 1;
    return Buffer.buffer(end + HISTORY.length).appendBuffer(body, 0, end).appendBytes(HISTORY);
  }
}
