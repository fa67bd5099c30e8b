package io.framechat.client;

import io.framechat.protocol.FrameDecoder;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;


/** A framed TCP connection, decoding with the same {@link FrameDecoder} as the server. */
public final class TcpChatConnection implements ChatConnection {

  /** Largest frame a client accepts from the server. */
  public static final int MAX_INBOUND_FRAME_BYTES = 16 * 1024 * 1024;

  /** Held so the client is not collected (and its sockets closed) while the connection lives. */
  @SuppressWarnings("unused")
  private final NetClient client;
  private final NetSocket socket;
  private final Context context = Vertx.currentContext();
  private final FrameEncoder encoder;
  private volatile Handler<Buffer> bodyHandler = body -> { };
  private volatile Handler<Void> closeHandler = v -> { };
  private volatile boolean closed;
  private volatile String closeCause;

  private TcpChatConnection(NetClient client, NetSocket socket, HeaderByteOrder byteOrder) {
    this.client = client;
    this.socket = socket;
    this.encoder = new FrameEncoder(byteOrder);
    FrameDecoder decoder = new FrameDecoder(byteOrder, MAX_INBOUND_FRAME_BYTES, new FrameDecoder.Listener() {
      @Override
      public void onFrame(Buffer body) {
        bodyHandler.handle(body);
      }

      @Override
      public void onOversized(long declaredLength) {
        boolean tls = tlsRecord(declaredLength) || tlsRecord(Integer.reverseBytes((int) declaredLength) & 0xFFFFFFFFL);
        closeCause = tls ? "the server speaks TLS: add --tls"
            : "the server sent a frame of " + declaredLength + " bytes, over the client's limit (is --byte-order"
                + " the server's tcp.byteOrder?)";
        socket.close();
      }
    });
    socket.handler(decoder);
    socket.closeHandler(v -> {
      closed = true;
      closeHandler.handle(null);
    });
    // nothing is read until a body handler is set: the server's first frames must not be missed
    socket.pause();
  }

  /**
   * Connects with {@code client}, which the caller may share between many connections.
   *
   * <p>The server speaks first (its welcome may arrive at once), so the frame handler must be in
   * place before the first read: the connect runs on an event loop, where its completion (and the
   * handler set-up with it) happens on that same loop before any data is read.
   */
  public static Future<TcpChatConnection> connect(Vertx vertx, NetClient client, String host, int port,
      HeaderByteOrder byteOrder) {
    return connect(vertx.getOrCreateContext(), client, host, port, byteOrder, ClientTls.NONE);
  }

  /** Connects on {@code context} (with TLS if {@code tls} says so): the connection's handlers then run on that context's event loop. */
  public static Future<TcpChatConnection> connect(Context context, NetClient client, String host, int port,
      HeaderByteOrder byteOrder, ClientTls tls) {
    ConnectOptions target = new ConnectOptions().setHost(host).setPort(port);
    if (tls.enabled()) {
      target.setSsl(true).setSslOptions(tls.sslOptions());
    }
    Promise<TcpChatConnection> connected = Promise.promise();
    context.runOnContext(v -> client.connect(target)
        .map(socket -> new TcpChatConnection(client, socket, byteOrder))
        .onComplete(connected));
    return connected.future();
  }

  @Override
  public String transport() {
    return "tcp";
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Future<Void> send(String body) {
    return socket.write(encoder.encode(body));
  }

  /** Writes bytes as they are, with no framing (for tests and fuzzing). */
  public Future<Void> sendRaw(Buffer bytes) {
    return socket.write(bytes);
  }

  /** The underlying socket (to pause reading, for example). */
  public NetSocket socket() {
    return socket;
  }

  /**
   * Whether a header is the start of a TLS record (a handshake or an alert, version 3.x): a TLS
   * server answering bytes it cannot read as a TLS handshake.
   */
  static boolean tlsRecord(long header) {
    int type = (int) (header >>> 24);
    return (type == 0x15 || type == 0x16) && ((header >>> 16) & 0xFF) == 0x03;
  }

  @Override
  public String closeCause() {
    return closeCause;
  }

  /** Sets the handler and starts reading (the connection reads nothing before). */
  @Override
  public TcpChatConnection bodyHandler(Handler<Buffer> handler) {
    bodyHandler = handler;
    context.runOnContext(v -> socket.resume());
    return this;
  }

  /** Sets the close handler; if the connection is already closed, calls it (on the connection's context). */
  @Override
  public TcpChatConnection closeHandler(Handler<Void> handler) {
    closeHandler = handler;
    if (closed) {
      context.runOnContext(v -> handler.handle(null));
    }
    return this;
  }

  @Override
  public Future<Void> close() {
    return socket.close();
  }
}
