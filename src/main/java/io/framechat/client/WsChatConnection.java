package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A connection over WebSocket ({@code http.websocket}): each body one text message, each way.
 * Reading starts when the body handler is set, so the welcome is never missed.
 */
public final class WsChatConnection implements ChatConnection {

  /** Held: a client no longer referenced is closed, and its connections with it. */
  @SuppressWarnings("UnusedVariable") // kept only to be referenced
  private final WebSocketClient client;
  private final WebSocket socket;
  private final Context context;
  private volatile Handler<Void> closeHandler = v -> { };
  private Buffer fragments;

  private WsChatConnection(WebSocketClient client, WebSocket socket, Context context) {
    this.client = client;
    this.socket = socket;
    this.context = context;
    socket.closeHandler(v -> closeHandler.handle(null));
  }

  /**
   * Connects to {@code ws://host:port/path} (or {@code wss://} with TLS) with {@code client}, on
   * {@code context}: the connection's handlers run on that context's event loop.
   */
  public static Future<WsChatConnection> connect(Context context, WebSocketClient client, String host, int port,
      String path, ClientTls tls) {
    WebSocketConnectOptions target = new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path);
    if (tls.enabled()) {
      target.setSsl(true).setSslOptions(tls.sslOptions());
    }
    Promise<WsChatConnection> connected = Promise.promise();
    context.runOnContext(v -> client.connect(target)
        .map(socket -> {
          socket.pause();
          return new WsChatConnection(client, socket, context);
        })
        .onComplete(connected));
    return connected.future();
  }

  @Override
  public String transport() {
    return "ws";
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Future<Void> send(String body) {
    return socket.writeTextMessage(body);
  }

  /** Sends a binary message (which the server refuses; for tests). */
  public Future<Void> sendBinary(Buffer bytes) {
    return socket.writeBinaryMessage(bytes);
  }

  /**
   * Each message's bytes, as they came (no decoding to a string and back); a message the server
   * sent in fragments is put together first.
   */
  @Override
  public WsChatConnection bodyHandler(Handler<Buffer> handler) {
    socket.frameHandler(frame -> {
      if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) {
        return;
      }
      if (!frame.isContinuation()) {
        fragments = null;
      }
      if (frame.isFinal() && fragments == null) {
        handler.handle(frame.binaryData());
        return;
      }
      fragments = fragments == null ? frame.binaryData().copy() : fragments.appendBuffer(frame.binaryData());
      if (frame.isFinal()) {
        Buffer whole = fragments;
        fragments = null;
        handler.handle(whole);
      }
    });
    context.runOnContext(v -> socket.resume());
    return this;
  }

  @Override
  public WsChatConnection closeHandler(Handler<Void> handler) {
    closeHandler = handler;
    return this;
  }

  /** The underlying WebSocket (to pause reading, for example). */
  public WebSocket socket() {
    return socket;
  }

  /** The status code and reason of the server's close frame (after the close). */
  public Short closeStatus() {
    return socket.closeStatusCode();
  }

  @Override
  public Future<Void> close() {
    return socket.close();
  }
}
