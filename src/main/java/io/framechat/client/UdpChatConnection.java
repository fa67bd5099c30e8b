package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;

/** A UDP "connection": a local socket that sends every body as one datagram to the server. */
public final class UdpChatConnection implements ChatConnection {

  private final DatagramSocket socket;
  private final Context context = Vertx.currentContext();
  private final String host;
  private final int port;
  private volatile Handler<Buffer> bodyHandler = body -> { };

  private UdpChatConnection(DatagramSocket socket, String host, int port) {
    this.socket = socket;
    this.host = host;
    this.port = port;
    socket.handler(packet -> bodyHandler.handle(packet.data()));
  }

  /** Binds a local socket on an ephemeral port; nothing is sent until {@link #send}. */
  public static Future<UdpChatConnection> open(Vertx vertx, String host, int port) {
    return open(vertx.getOrCreateContext(), host, port);
  }

  /** Like {@link #open(Vertx, String, int)}, with the socket's handlers on {@code context}'s event loop. */
  public static Future<UdpChatConnection> open(Context context, String host, int port) {
    Promise<UdpChatConnection> opened = Promise.promise();
    context.runOnContext(v -> context.owner()
        .createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(65_536))
        .listen(0, "0.0.0.0")
        .map(s -> new UdpChatConnection(s, host, port))
        .onComplete(opened));
    return opened.future();
  }

  @Override
  public String transport() {
    return "udp";
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Future<Void> send(String body) {
    return socket.send(Buffer.buffer(body), port, host);
  }

  /** Sends bytes as one datagram, as they are (for tests). */
  public Future<Void> sendRaw(Buffer bytes) {
    return socket.send(bytes, port, host);
  }

  /** The local port the server sees as this client's address. */
  public int localPort() {
    return socket.localAddress().port();
  }

  @Override
  public UdpChatConnection bodyHandler(Handler<Buffer> handler) {
    bodyHandler = handler;
    return this;
  }

  @Override
  public UdpChatConnection closeHandler(Handler<Void> handler) {
    return this;
  }

  @Override
  public Future<Void> close() {
    return socket.close();
  }
}
