package io.framechat.testing;

import io.framechat.client.ChatConnection;
import io.framechat.client.ClientTls;
import io.framechat.client.TcpChatConnection;
import io.framechat.client.UdpChatConnection;
import io.framechat.client.WsChatConnection;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A chat client for tests, driven from the test thread: frames from the server queue up and
 * {@link #next()} waits for the next one (an event, never a sleep), failing the test after a timeout.
 */
public final class TestClient {

  public static final long TIMEOUT_MS = 10_000;

  private final ChatConnection connection;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private String nick;

  private TestClient(ChatConnection connection) {
    this.connection = connection;
    connection.frameHandler(frames::add);
    connection.closeHandler(v -> closed.countDown());
  }

  /** Connects over TCP with big-endian headers and reads the welcome. */
  public static TestClient tcp(Vertx vertx, int port) {
    return tcp(vertx, port, HeaderByteOrder.BIG).welcomed();
  }

  /** Connects over TCP; the welcome is left in the queue. */
  public static TestClient tcp(Vertx vertx, int port, HeaderByteOrder byteOrder) {
    return tcp(vertx, port, byteOrder, new NetClientOptions());
  }

  /** Connects over TCP with socket options (a small receive buffer, say); the welcome is left queued. */
  public static TestClient tcp(Vertx vertx, int port, HeaderByteOrder byteOrder, NetClientOptions options) {
    NetClient client = vertx.createNetClient(new NetClientOptions(options).setTcpNoDelay(true));
    return new TestClient(await(TcpChatConnection.connect(vertx, client, "127.0.0.1", port, byteOrder)));
  }

  /** Connects over TCP with TLS; the welcome is left queued. Fails if the connection cannot be made. */
  public static TestClient tls(Vertx vertx, int port, ClientTls tls) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    return new TestClient(await(TcpChatConnection.connect(vertx.getOrCreateContext(), client, "127.0.0.1", port,
        HeaderByteOrder.BIG, tls)));
  }

  /** Connects over WebSocket to the HTTP port's {@code /ws} and reads the welcome. */
  public static TestClient ws(Vertx vertx, int httpPort) {
    return wsUnwelcomed(vertx, httpPort).welcomed();
  }

  /** Connects over WebSocket with TLS ({@code wss://localhost}); the welcome is read. */
  public static TestClient wss(Vertx vertx, int httpPort, ClientTls tls) {
    return new TestClient(await(WsChatConnection.connect(vertx.getOrCreateContext(), vertx.createWebSocketClient(),
        "localhost", httpPort, "/ws", tls))).welcomed();
  }

  /** Connects over WebSocket; the welcome (or a refusal) is left queued. */
  public static TestClient wsUnwelcomed(Vertx vertx, int httpPort) {
    return new TestClient(await(WsChatConnection.connect(vertx.getOrCreateContext(), vertx.createWebSocketClient(),
        "127.0.0.1", httpPort, "/ws", ClientTls.NONE)));
  }

  /** Opens a UDP session (its first datagram is a ping) and reads the welcome and the pong. */
  public static TestClient udp(Vertx vertx, int port) {
    TestClient client = udpUnopened(vertx, port);
    client.send(new JsonObject().put("type", "ping").put("id", "open"));
    client.welcomed().next("pong");
    return client;
  }

  /** A UDP socket that has sent nothing yet: the server knows no session for it. */
  public static TestClient udpUnopened(Vertx vertx, int port) {
    return new TestClient(await(UdpChatConnection.open(vertx, "127.0.0.1", port)));
  }

  /** Reads the welcome frame and remembers the nick it gives. */
  public TestClient welcomed() {
    nick = next("welcome").getString("nick");
    return this;
  }

  public String nick() {
    return nick;
  }

  public ChatConnection connection() {
    return connection;
  }

  public TestClient send(String body) {
    await(connection.send(body));
    return this;
  }

  public TestClient send(JsonObject body) {
    return send(body.encode());
  }

  /** Sends bytes as they are: unframed on TCP, one datagram on UDP. */
  public TestClient sendRaw(Buffer bytes) {
    if (connection instanceof TcpChatConnection tcp) {
      await(tcp.sendRaw(bytes));
    } else {
      await(((UdpChatConnection) connection).sendRaw(bytes));
    }
    return this;
  }

  /** Takes a nick and checks the reply. */
  public TestClient hello(String newNick) {
    send(new JsonObject().put("type", "hello").put("nick", newNick));
    assertEquals(newNick, nextOfType("nick").getString("nick"));
    nick = newNick;
    return this;
  }

  /** Joins a room and waits for the reply. */
  public TestClient join(String room) {
    send(new JsonObject().put("type", "join").put("room", room));
    assertEquals(room, nextOfType("joined").getString("room"));
    return this;
  }

  /**
   * Says {@code count} messages ("NICK N") to {@code room}, one per millisecond from a timer, without
   * waiting for anything: returns at once; the future completes when the last one is sent.
   */
  public Future<Void> chatter(Vertx vertx, String room, int count) {
    Promise<Void> done = Promise.promise();
    AtomicInteger sent = new AtomicInteger();
    vertx.setPeriodic(1, id -> {
      int n = sent.incrementAndGet();
      connection.send(new JsonObject().put("type", "say").put("room", room).put("text", nick + " " + n));
      if (n == count) {
        vertx.cancelTimer(id);
        done.complete();
      }
    });
    return done.future();
  }

  /** The next frame, whatever it is. */
  public JsonObject next() {
    try {
      JsonObject frame = frames.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (frame == null) {
        fail("no frame within " + TIMEOUT_MS + " ms" + (nick != null ? " for " + nick : ""));
      }
      return frame;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next frame, which must be of {@code type}. */
  public JsonObject next(String type) {
    JsonObject frame = next();
    assertEquals(type, frame.getString("type"), frame.encode());
    return frame;
  }

  /** The next frame of {@code type}, skipping frames of other types. */
  public JsonObject nextOfType(String type) {
    while (true) {
      JsonObject frame = next();
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
  }

  /** The next presence frame with {@code event} (join, leave or nick), skipping other frames. */
  public JsonObject nextPresence(String event) {
    while (true) {
      JsonObject frame = nextOfType("presence");
      if (event.equals(frame.getString("event"))) {
        return frame;
      }
    }
  }

  /** The next error frame, which must carry {@code code}. */
  public JsonObject nextError(String code) {
    JsonObject error = next("error");
    assertEquals(code, error.getString("code"), error.encode());
    assertTrue(error.getString("message") != null && !error.getString("message").isEmpty());
    return error;
  }

  /**
   * A barrier: pings and returns every frame that arrived before the pong. The server handles a
   * client's commands in order, so everything caused by earlier commands arrives first.
   */
  public List<JsonObject> sync() {
    String id = UUID.randomUUID().toString();
    send(new JsonObject().put("type", "ping").put("id", id));
    List<JsonObject> before = new ArrayList<>();
    while (true) {
      JsonObject frame = next();
      if ("pong".equals(frame.getString("type")) && id.equals(frame.getString("id"))) {
        return before;
      }
      before.add(frame);
    }
  }

  /** Every frame up to and including the next {@code bye} (TCP or UDP). */
  public List<JsonObject> untilBye() {
    List<JsonObject> received = new ArrayList<>();
    while (received.isEmpty() || !"bye".equals(received.get(received.size() - 1).getString("type"))) {
      received.add(next());
    }
    return received;
  }

  /** Asserts that nothing arrives before the pong of a {@link #sync()}. */
  public void assertNothingPending() {
    List<JsonObject> pending = sync();
    assertEquals(List.of(), pending);
  }

  /** Asserts that only frames of {@code type} arrive before the pong of a {@link #sync()}. */
  public void assertNothingPendingBut(String type) {
    List<JsonObject> pending = sync();
    pending.removeIf(frame -> type.equals(frame.getString("type")));
    assertEquals(List.of(), pending);
  }

  /** Waits until the server closes the connection (TCP). */
  public void awaitClosed() {
    try {
      assertTrue(closed.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "connection still open after " + TIMEOUT_MS + " ms");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits until the server closes the connection, then returns every frame still queued. */
  public List<JsonObject> awaitClosedAndDrain() {
    awaitClosed();
    List<JsonObject> rest = new ArrayList<>();
    frames.drainTo(rest);
    return rest;
  }

  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  public void close() {
    await(connection.close());
  }

  static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
