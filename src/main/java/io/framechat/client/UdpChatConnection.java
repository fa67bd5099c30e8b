package io.framechat.client;

import io.framechat.protocol.Command;
import io.framechat.protocol.CommandJson;
import io.framechat.protocol.CommandParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A UDP "connection": a local socket that sends every body as one datagram to the server. It takes
 * care of the session's fields by itself: when the server first answers with a cookie (it checks
 * that this address receives what is sent to it), it echoes the cookie and sends again what it had
 * sent; when the welcome gives a session id (authentication on), every datagram carries it, plain
 * text being sent as its JSON form. Opened with {@code pack}, it asks for packed datagrams (several
 * frames to a datagram, a newline between them) in what it sends until the session is open; it
 * splits every datagram at its newlines either way (the server's JSON frames hold none).
 */
public final class UdpChatConnection implements ChatConnection {

  /**
   * SO_RCVBUF: room for a burst of about 500 full packed datagrams while the event loop is busy (the
   * kernel caps it at {@code net.core.rmem_max}, often 208 KiB; raise that to get it all).
   */
  static final int RECEIVE_BUFFER_BYTES = 1 << 20;
  private static final byte[] COOKIE = "{\"cookie\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WELCOME = "{\"type\":\"welcome\"".getBytes(StandardCharsets.US_ASCII);

  private final DatagramSocket socket;
  private final Context context = Vertx.currentContext();
  private final String host;
  private final int port;
  private final CommandParser parser = new CommandParser();
  private volatile Handler<Buffer> bodyHandler = body -> { };
  /** Sent before the server knew this address; sent again once the cookie is echoed. */
  private final List<String> beforeSession = new ArrayList<>();
  private volatile boolean inSession;
  private volatile String sessionId;
  private final boolean pack;

  private UdpChatConnection(DatagramSocket socket, String host, int port, boolean pack) {
    this.socket = socket;
    this.host = host;
    this.port = port;
    this.pack = pack;
    socket.handler(packet -> split(packet.data(), this::received));
  }

  /** Binds a local socket on an ephemeral port; nothing is sent until {@link #send}. */
  public static Future<UdpChatConnection> open(Vertx vertx, String host, int port) {
    return open(vertx.getOrCreateContext(), host, port);
  }

  /** Like {@link #open(Vertx, String, int)}, with the socket's handlers on {@code context}'s event loop. */
  public static Future<UdpChatConnection> open(Context context, String host, int port) {
    return open(context, host, port, false);
  }

  /** Opens on {@code context}; with {@code pack}, asks the server for packed datagrams. */
  public static Future<UdpChatConnection> open(Context context, String host, int port, boolean pack) {
    Promise<UdpChatConnection> opened = Promise.promise();
    context.runOnContext(v -> context.owner()
        .createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES))
        .listen(0, "0.0.0.0")
        .map(s -> new UdpChatConnection(s, host, port, pack))
        .onComplete(opened));
    return opened.future();
  }

  /**
   * Hands each frame of a datagram to {@code each}: the datagram itself, or its pieces between
   * newlines when it holds several (no empty piece for a final newline). The newlines are looked for
   * in one copy of the bytes, not a byte at a time through the buffer.
   */
  static void split(Buffer datagram, Handler<Buffer> each) {
    byte[] bytes = datagram.getBytes();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        each.handle(datagram.slice(start, i));
        start = i + 1;
      }
    }
    if (start == 0) {
      each.handle(datagram);
    } else if (start < bytes.length) {
      each.handle(datagram.slice(start, bytes.length));
    }
  }

  /** A welcome carrying a cookie (or the cookie alone) is this connection's business; one carrying a session id is noted. */
  private void received(Buffer body) {
    if (startsWith(body, COOKIE)) {
      String cookie = new JsonObject(body).getString("cookie");
      context.runOnContext(v -> validate(cookie));
      return;
    }
    if (startsWith(body, WELCOME)) {
      JsonObject welcome = new JsonObject(body);
      String cookie = welcome.getString("cookie");
      if (cookie != null && !welcome.containsKey("nick")) {
        context.runOnContext(v -> validate(cookie));
        return;
      }
      inSession = true;
      sessionId = welcome.getString("sid");
    }
    bodyHandler.handle(body);
  }

  /** Whether {@code body} begins with {@code prefix}, compared byte by byte (no frame is decoded to see). */
  static boolean startsWith(Buffer body, byte[] prefix) {
    if (body.length() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body.getByte(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Echoes the cookie (which opens the session), then sends again what went out before it. */
  private void validate(String cookie) {
    socket.send(Buffer.buffer("/cookie " + cookie), port, host);
    List<String> again = new ArrayList<>(beforeSession);
    beforeSession.clear();
    again.forEach(body -> socket.send(Buffer.buffer(body), port, host));
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
    String sid = sessionId;
    boolean asking = pack && !inSession;
    String datagram = sid == null && !asking ? body : withFields(body, sid, asking);
    if (datagram == null) {
      return Future.succeededFuture();
    }
    if (!inSession && beforeSession.size() < 32) {
      context.runOnContext(v -> beforeSession.add(datagram));
    }
    return socket.send(Buffer.buffer(datagram), port, host);
  }

  /** The body as JSON with the session id (if any) and the ask for packing (if {@code pack}) added; null for a blank line. */
  private String withFields(String body, String sid, boolean pack) {
    JsonObject json;
    if (body.startsWith("{")) {
      try {
        json = new JsonObject(body);
      } catch (RuntimeException notJson) {
        return body;
      }
    } else if (parser.parse(body) instanceof Command command) {
      json = CommandJson.of(command);
      if (json == null) {
        return null;
      }
    } else {
      return body;
    }
    if (sid != null) {
      json.put("sid", sid);
    }
    if (pack) {
      json.put("pack", true);
    }
    return json.encode();
  }

  /** Sends bytes as one datagram, as they are (for tests). */
  public Future<Void> sendRaw(Buffer bytes) {
    return socket.send(bytes, port, host);
  }

  /** The local port the server sees as this client's address. */
  public int localPort() {
    return socket.localAddress().port();
  }

  /** The session id the welcome gave, or null (authentication off, or no welcome yet). */
  public String sessionId() {
    return sessionId;
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
