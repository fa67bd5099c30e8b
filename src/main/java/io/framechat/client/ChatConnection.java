package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A client's connection to a framechat server, over TCP (framed), UDP (one datagram per body) or
 * WebSocket (one text message per body).
 * Handlers run on the connection's event loop.
 */
public interface ChatConnection {

  /** {@code tcp}, {@code udp} or {@code ws}. */
  String transport();

  /** The context (event loop) the connection's handlers run on. */
  Context context();

  /** Sends one body: a JSON object or plain text. */
  Future<Void> send(String body);

  /** Sends one JSON body. */
  default Future<Void> send(JsonObject body) {
    return send(body.encode());
  }

  /**
   * Receives each body as raw bytes, before any JSON decoding (for load generators).
   * Replaces {@link #frameHandler}.
   */
  ChatConnection bodyHandler(Handler<Buffer> handler);

  /** Receives each body decoded as JSON; bodies that are not JSON objects are skipped. */
  default ChatConnection frameHandler(Handler<JsonObject> handler) {
    return bodyHandler(body -> {
      JsonObject frame;
      try {
        frame = new JsonObject(body);
      } catch (DecodeException | ClassCastException e) {
        return;
      }
      handler.handle(frame);
    });
  }

  /** Answers the server's keepalive {@code ping} with a pong frame of the same id. */
  default void pong(JsonObject ping) {
    send(new JsonObject().put("type", "pong").put("id", ping.getValue("id")));
  }

  /** Called once when the server closes the connection or it is lost (TCP and WebSocket). */
  ChatConnection closeHandler(Handler<Void> handler);

  /** Why the connection closed, when the client knows more than that it did (a TLS server, say); else null. */
  default String closeCause() {
    return null;
  }

  Future<Void> close();
}
