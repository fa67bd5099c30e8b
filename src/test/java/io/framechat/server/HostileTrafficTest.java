package io.framechat.server;

import io.framechat.client.ClientTls;
import io.framechat.client.TcpChatConnection;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.TestCertificates;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20 hostile clients send garbage, floods, oversized headers, malformed and half frames over TCP
 * and junk over UDP, reconnecting whenever they are thrown out; 3 more fill the history with 4 KB
 * messages into fresh rooms, within the flood limits; 2 more drip a byte now and then, never
 * finishing a frame. Meanwhile 5 honest clients chat at a steady rate under the default flood
 * limits. Every honest message must reach every honest member, history stays within its bound and
 * the drips are cut off. And from a second address (127.0.0.2), one more attacker opens idle HTTP
 * connections, twice as many as its allowance: those past it are closed at once, while the honest
 * clients chat and {@code /health} answers every time it is asked.
 * Once in the open mode, once with TLS and token authentication on (where the garbage goes to the
 * TLS port as plaintext, and the other hostile clients speak TLS but never log in).
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class HostileTrafficTest {

  private static final int HONEST = 5;
  private static final int HOSTILE = 20;
  private static final int MESSAGES_EACH = 40;
  private static final long HONEST_INTERVAL_MS = 100;
  private static final long SEED = 20261127L;
  private static final int HISTORY_FLOODERS = 3;
  private static final int DRIPS = 2;
  private static final long HISTORY_MAX_BYTES = 256 * 1024;
  /**
   * The connections one address may hold ({@code limits.maxConnectionsPerIp}): room for the hostile
   * clients of 127.0.0.1 (the UDP junk opens a session from a fresh port every round) beside the
   * honest ones.
   */
  private static final int PER_IP = 300;

  private final AtomicLong hostileFrames = new AtomicLong();
  private final AtomicLong hostileBytes = new AtomicLong();
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong floodMessages = new AtomicLong();
  private final AtomicLong dripsCut = new AtomicLong();
  private volatile boolean attacking = true;

  /** The server's trust settings for a run. */
  enum Mode { OPEN, TLS_AND_TOKENS }

  @TempDir
  Path dir;
  private Mode mode;
  private ClientTls tls = ClientTls.NONE;
  private Tokens tokens;

  @ParameterizedTest
  @EnumSource(Mode.class)
  @DisplayName("under hostile traffic the server stays up, bounded, and loses no honest message")
  void honest_clients_lose_nothing(Mode mode, Vertx vertx) throws Exception {
    this.mode = mode;
    JsonObject tcp = new JsonObject().put("frameTimeoutSeconds", 1);
    JsonObject config = new JsonObject().put("limits", new JsonObject()
        .put("messagesPerSecond", 20).put("burst", 40).put("maxViolations", 50).put("maxConnectionsPerIp", PER_IP))
        .put("chat", new JsonObject().put("historyMaxBytes", HISTORY_MAX_BYTES))
        .put("tcp", tcp);
    if (mode == Mode.TLS_AND_TOKENS) {
      TestCertificates ca = TestCertificates.ca(dir);
      TestCertificates.Pair cert = ca.issue("server", "localhost");
      tls = new ClientTls(true, ca.caCert.toString(), false, null, null);
      tokens = Tokens.hs256(vertx);
      tcp.put("tls", new JsonObject().put("enabled", true)
          .put("certPath", cert.cert().toString()).put("keyPath", cert.key().toString()));
      config.put("auth", new JsonObject().put("mode", "jwt").put("jwt", new JsonObject().put("secret", tokens.secret)));
    }
    FramechatServer server = TestServers.start(vertx, config);
    List<TestClient> honest = new ArrayList<>();
    for (int i = 0; i < HONEST; i++) {
      honest.add(honest(vertx, server, "honest-" + i));
    }
    for (TestClient client : honest) {
      client.sync();
    }
    long heapTimer = vertx.setPeriodic(50, t -> peakHeap.accumulateAndGet(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max));
    NetClient net = vertx.createNetClient();
    Random random = new Random(SEED);
    for (int i = 0; i < HOSTILE; i++) {
      attack(vertx, net, server, i, new Random(random.nextLong()));
    }
    for (int i = 0; i < HISTORY_FLOODERS; i++) {
      floodHistory(vertx, loggedIn(vertx, server, "flooder-" + i), i);
    }
    for (int i = 0; i < DRIPS; i++) {
      drip(vertx, net, server);
    }
    HttpPressure http = new HttpPressure(server.httpPort(), PER_IP).start();

    for (int i = 0; i < HONEST; i++) {
      int sender = i;
      TestClient client = honest.get(i);
      long[] sent = {0};
      vertx.setPeriodic(HONEST_INTERVAL_MS, t -> {
        if (sent[0] == MESSAGES_EACH) {
          vertx.cancelTimer(t);
          return;
        }
        client.connection().send(new JsonObject().put("type", "say").put("room", "honest")
            .put("text", "h-" + sender + "-" + sent[0]++));
      });
    }

    for (TestClient client : honest) {
      Map<String, Integer> next = new HashMap<>();
      int received = 0;
      while (received < HONEST * MESSAGES_EACH) {
        JsonObject frame = client.nextOfType("message");
        if (!"honest".equals(frame.getString("room"))) {
          continue;
        }
        String[] parts = frame.getString("text").split("-", -1);
        String from = parts[1];
        assertEquals(next.getOrDefault(from, 0), Integer.parseInt(parts[2]), "order from honest-" + from);
        next.merge(from, 1, Integer::sum);
        received++;
      }
    }
    attacking = false;
    http.stop();
    vertx.cancelTimer(heapTimer);
    assertTrue(http.healthAnswered.get() >= 3, "health was asked during the attack: " + http.healthAnswered.get());
    assertEquals(0, http.healthFailed.get(), "every /health was answered 200 during the attack");
    assertEquals(PER_IP, http.idleHeld.get(), "the idle attacker held exactly its allowance");
    assertEquals(PER_IP, http.idleRefused.get(), "and every socket past it was closed at once");
    double historyBytes = server.metrics().registry().get("framechat.history.bytes").gauge().value();
    double evicted = server.metrics().registry().get("framechat.history.evicted").counter().count();
    assertTrue(historyBytes <= HISTORY_MAX_BYTES, "history within chat.historyMaxBytes: " + historyBytes);
    assertTrue(evicted > 0, "the flood went past the bound (" + floodMessages.get() + " messages), and was evicted");
    assertTrue(dripsCut.get() > 0, "drips are cut off with frame_timeout");

    assertTrue(server.health().ready(), "the server is still ready");
    TestClient late = honest(vertx, server, "late");
    late.sync();
    late.send(new JsonObject().put("type", "say").put("text", "after the storm"));
    assertEquals("after the storm", late.nextOfType("message").getString("text"));
    long peakMiB = peakHeap.get() / (1024 * 1024);
    System.out.printf("hostile traffic (" + mode + "): %,d frames (%,d bytes) from %d hostile clients; %,d history-flood"
        + " messages (%,.0f evicted, history %,.0f bytes); %d drips cut off; %d idle HTTP sockets held, %d refused;"
        + " /health answered %d times; honest messages lost: 0 of %,d; peak heap %d MiB (test and server in one JVM)%n",
        hostileFrames.get(), hostileBytes.get(), HOSTILE, floodMessages.get(), evicted, historyBytes, dripsCut.get(),
        http.idleHeld.get(), http.idleRefused.get(), http.healthAnswered.get(), HONEST * HONEST * MESSAGES_EACH, peakMiB);
    assertTrue(peakMiB < 1024, "heap stayed bounded: peak " + peakMiB + " MiB");
  }

  /** An honest client in the room {@code honest}. */
  private TestClient honest(Vertx vertx, FramechatServer server, String nick) {
    return loggedIn(vertx, server, nick).join("honest");
  }

  /** A client with a nick: over TLS and logged in with a token, in that mode. */
  private TestClient loggedIn(Vertx vertx, FramechatServer server, String nick) {
    if (mode == Mode.OPEN) {
      return TestClient.tcp(vertx, server.tcpPort()).hello(nick);
    }
    TestClient client = TestClient.tls(vertx, server.tcpPort(), tls).welcomed();
    client.send(new JsonObject().put("type", "hello").put("token", tokens.token(nick)));
    assertEquals(nick, client.nextOfType("nick").getString("nick"));
    assertEquals("lobby", client.nextOfType("joined").getString("room"));
    return client;
  }

  /**
   * Fills the history within the flood limits: every 200 ms a fresh room, a 4 KB message in it, and
   * out again (15 frames a second).
   */
  private void floodHistory(Vertx vertx, TestClient client, int index) {
    String text = "f".repeat(4000);
    long[] rooms = {0};
    vertx.setPeriodic(200, t -> {
      if (!attacking) {
        vertx.cancelTimer(t);
        return;
      }
      String room = "flood-" + index + "-" + rooms[0]++;
      client.connection().send(new JsonObject().put("type", "join").put("room", room));
      client.connection().send(new JsonObject().put("type", "say").put("room", room).put("text", text));
      client.connection().send(new JsonObject().put("type", "leave").put("room", room));
      floodMessages.incrementAndGet();
    });
  }

  /** Sends a byte of a frame every 300 ms, never finishing it in time; connects again once cut off. */
  private void drip(Vertx vertx, NetClient net, FramechatServer server) {
    if (!attacking) {
      return;
    }
    TcpChatConnection.connect(vertx.getOrCreateContext(), net, "127.0.0.1", server.tcpPort(), HeaderByteOrder.BIG, tls)
        .onSuccess(connection -> {
          connection.frameHandler(frame -> {
            if ("frame_timeout".equals(frame.getString("code"))) {
              dripsCut.incrementAndGet();
            }
          });
          // a frame of 100 bytes, one byte at a time: the header 0 0 0 100, then the body
          int[] sent = {0};
          long timer = vertx.setPeriodic(300, t -> {
            int at = sent[0]++;
            connection.sendRaw(Buffer.buffer(new byte[] {(byte) (at < 3 ? 0 : at == 3 ? 100 : 'x')}));
          });
          connection.closeHandler(v -> {
            vertx.cancelTimer(timer);
            drip(vertx, net, server);
          });
        });
  }

  /** One hostile client: connects, misbehaves in its own way, and does it again when thrown out. */
  private void attack(Vertx vertx, NetClient net, FramechatServer server, int index, Random random) {
    if (!attacking) {
      return;
    }
    if (index % 5 == 4) {
      udpJunk(vertx, server, random);
      return;
    }
    // the garbage sender speaks plaintext even to a TLS port
    ClientTls hostileTls = index % 5 == 0 ? ClientTls.NONE : tls;
    TcpChatConnection.connect(vertx.getOrCreateContext(), net, "127.0.0.1", server.tcpPort(), HeaderByteOrder.BIG,
        hostileTls).onSuccess(connection -> {
      connection.bodyHandler(body -> { });
      long timer = vertx.setPeriodic(20, t -> {
        if (!attacking) {
          vertx.cancelTimer(t);
          connection.close();
          return;
        }
        Buffer bytes = HostileBytes.next(index % 5, random);
        hostileFrames.incrementAndGet();
        hostileBytes.addAndGet(bytes.length());
        connection.sendRaw(bytes);
      });
      connection.closeHandler(v -> {
        vertx.cancelTimer(timer);
        vertx.setTimer(5, t -> attack(vertx, net, server, index, random));
      });
    }).onFailure(e -> vertx.setTimer(50, t -> attack(vertx, net, server, index, random)));
  }

  /**
   * A hostile UDP client, from 127.0.0.3: a fresh socket (so a fresh port, and a session) each round,
   * sending junk, oversized datagrams and floods, and reading nothing.
   */
  private void udpJunk(Vertx vertx, FramechatServer server, Random random) {
    if (!attacking) {
      return;
    }
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
      for (int i = 0; i < 60; i++) {
        byte[] junk = new byte[random.nextInt(4) == 0 ? 9000 : 1 + random.nextInt(300)];
        random.nextBytes(junk);
        hostileFrames.incrementAndGet();
        hostileBytes.addAndGet(junk.length);
        socket.send(new DatagramPacket(junk, junk.length, new InetSocketAddress("127.0.0.1", server.udpPort())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    vertx.setTimer(200, t -> udpJunk(vertx, server, random));
  }
}
