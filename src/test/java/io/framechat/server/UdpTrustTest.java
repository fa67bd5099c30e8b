package io.framechat.server;

import io.framechat.client.UdpChatConnection;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UDP that cannot be used as a reflector, nor spoofed: address validation with a cookie, session
 * ids, penalties that outlast a session. Plain sockets stand in for forged sources: what a forger
 * sends "from" an address, the owner of that address receives the answers to.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class UdpTrustTest {

  private static final String HISTORY = "{\"type\":\"history\",\"room\":\"lobby\",\"limit\":100}";

  private static JsonObject udp(String validation) {
    return new JsonObject().put("udp", new JsonObject().put("addressValidation", validation));
  }

  /** Everything that arrives at {@code socket} within {@code millis}. */
  private static List<String> collect(DatagramSocket socket, long millis) throws Exception {
    List<String> got = new ArrayList<>();
    long end = System.currentTimeMillis() + millis;
    byte[] buffer = new byte[65_536];
    while (System.currentTimeMillis() < end) {
      socket.setSoTimeout((int) Math.max(1, end - System.currentTimeMillis()));
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        got.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
      } catch (SocketTimeoutException e) {
        break;
      }
    }
    return got;
  }

  /** The next datagram, or null after {@code millis}. */
  private static String receive(DatagramSocket socket, int millis) throws Exception {
    byte[] buffer = new byte[65_536];
    socket.setSoTimeout(millis);
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
      return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  private static void send(DatagramSocket socket, int port, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
  }

  @Test
  @DisplayName("a new address gets at most 3 times the bytes it sent: one short welcome with a cookie, no history")
  void no_reflection(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, udp("cookie"));
    TestClient talker = TestClient.tcp(vertx, server.tcpPort());
    for (int i = 0; i < 30; i++) {
      talker.send("filling the lobby's history " + i + " " + "x".repeat(200));
    }
    talker.sync();
    try (DatagramSocket victim = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      send(victim, server.udpPort(), HISTORY);
      List<String> got = collect(victim, 1500);
      int bytes = got.stream().mapToInt(body -> body.getBytes(StandardCharsets.UTF_8).length).sum();
      assertTrue(bytes <= 3 * HISTORY.length(), bytes + " bytes for " + HISTORY.length() + ": " + got);
      assertEquals(1, got.size(), got.toString());
      assertTrue(new JsonObject(got.get(0)).containsKey("cookie"), got.get(0));
    }
  }

  @Test
  @DisplayName("the README's socat session: a short first line (/join dev) gets the cookie alone within 3 times its"
      + " bytes; /cookie opens the session; the join then works")
  void short_first_line_gets_the_cookie(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, udp("cookie"));
    try (DatagramSocket person = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      send(person, server.udpPort(), "/join dev");
      String answer = receive(person, 5000);
      assertTrue(answer != null && answer.length() <= 3 * "/join dev".length(), answer);
      String cookie = new JsonObject(answer).getString("cookie");
      assertTrue(cookie != null && !cookie.isEmpty(), answer);
      send(person, server.udpPort(), "/cookie " + cookie);
      assertEquals("welcome", new JsonObject(receive(person, 5000)).getString("type"));
      send(person, server.udpPort(), "/join dev");
      String joined = receive(person, 5000);
      while (joined != null && !"joined".equals(new JsonObject(joined).getString("type"))) {
        joined = receive(person, 5000);
      }
      assertEquals("dev", new JsonObject(joined).getString("room"));
      send(person, server.udpPort(), "hi");
      assertTrue(collect(person, 2000).stream().anyMatch(body -> body.contains("\"text\":\"hi\"")));
    }
  }

  @Test
  @DisplayName("a forged join sent with someone else's address delivers nothing of the room to that address")
  void forged_join_delivers_nothing(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, udp("cookie"));
    TestClient member = TestClient.tcp(vertx, server.tcpPort()).join("busy");
    try (DatagramSocket victim = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      send(victim, server.udpPort(), "/join busy and hear everything said there");
      for (int i = 0; i < 20; i++) {
        member.send(new JsonObject().put("type", "say").put("room", "busy").put("text", "secret " + i));
      }
      member.sync();
      List<String> got = collect(victim, 1000);
      assertTrue(got.stream().noneMatch(body -> body.contains("secret")), got.toString());
      assertTrue(got.size() <= 1, got.toString());
    }
  }

  @Test
  @DisplayName("a client that echoes the cookie gets a session and chats as usual; the cookie is the client library's business")
  void validated_client_chats(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, udp("cookie"));
    TestClient bob = TestClient.udp(vertx, server.udpPort()).hello("bob");
    bob.send("hello from a validated address");
    assertEquals("hello from a validated address", bob.nextOfType("message").getString("text"));
  }

  @Test
  @DisplayName("addresses that never validate fill neither the TCP per-address cap nor udp.maxSessions")
  void unvalidated_addresses_lock_nobody_out(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, udp("cookie").put("limits", new JsonObject()
        .put("maxConnectionsPerIp", 5)));
    List<DatagramSocket> forged = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        forged.add(socket);
        send(socket, server.udpPort(), "x");
      }
      TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("still-welcome");
      TestClient udp = TestClient.udp(vertx, server.udpPort()).hello("also-welcome");
      tcp.sync();
      udp.sync();
    } finally {
      forged.forEach(DatagramSocket::close);
    }
  }

  @Test
  @DisplayName("with authentication on, a datagram without the session id, or with another, is dropped")
  void session_id_is_required(Vertx vertx) {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject()
        .put("mode", "jwt").put("jwt", new JsonObject().put("secret", tokens.secret))));
    TestClient alice = TestClient.udp(vertx, server.udpPort());
    UdpChatConnection connection = (UdpChatConnection) alice.connection();
    assertTrue(connection.sessionId() != null, "the welcome gave a session id");
    alice.send(new JsonObject().put("type", "hello").put("token", tokens.token("alice")));
    assertEquals("alice", alice.nextOfType("nick").getString("nick"));
    alice.sync();
    connection.sendRaw(Buffer.buffer("{\"type\":\"join\",\"room\":\"stolen\"}"));
    connection.sendRaw(Buffer.buffer("{\"type\":\"join\",\"room\":\"stolen\",\"sid\":\"not-it\"}"));
    List<JsonObject> before = alice.sync();
    assertTrue(before.stream().noneMatch(frame -> "joined".equals(frame.getString("type"))
        && "stolen".equals(frame.getString("room"))), before.toString());
    alice.send("/join mine");
    assertEquals("mine", alice.nextOfType("joined").getString("room"));
  }

  @Test
  @DisplayName("an address cut off for flooding gets no new session, from any of its ports, until its penalty is over; other addresses do")
  void flood_penalty_outlasts_the_session(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("limits", new JsonObject().put("messagesPerSecond", 1).put("burst", 2).put("maxViolations", 2))
        .put("udp", new JsonObject().put("floodPenaltySeconds", 2)));
    try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      for (int i = 0; i < 10; i++) {
        send(flooder, server.udpPort(), "spam " + i);
      }
      List<String> seen = new ArrayList<>();
      while (seen.stream().noneMatch(body -> body.contains("\"flooding\""))) {
        String next = receive(flooder, 3000);
        assertTrue(next != null, "no bye flooding; saw " + seen);
        seen.add(next);
      }
      long cutOff = System.nanoTime();
      send(flooder, server.udpPort(), "{\"type\":\"ping\",\"id\":\"again\"}");
      assertEquals(List.of(), collect(flooder, 500), "no new session while the penalty lasts");
      try (DatagramSocket otherPort = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
        send(otherPort, server.udpPort(), "{\"type\":\"ping\",\"id\":\"new port\"}");
        assertEquals(List.of(), collect(otherPort, 500), "nor from another port of the address");
      }
      try (DatagramSocket otherAddress = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
        send(otherAddress, server.udpPort(), "{\"type\":\"ping\",\"id\":\"honest\"}");
        assertTrue(collect(otherAddress, 1000).stream().anyMatch(body -> body.contains("welcome")),
            "another address gets a session");
      }
      // knock until a new session opens: not before the 2 s penalty, and soon after it
      List<String> later = List.of();
      while (later.stream().noneMatch(body -> body.contains("welcome"))) {
        assertTrue(System.nanoTime() - cutOff < 6_000_000_000L, "no session after the penalty");
        send(flooder, server.udpPort(), "{\"type\":\"ping\",\"id\":\"later\"}");
        later = collect(flooder, 250);
      }
      assertTrue(System.nanoTime() - cutOff >= 1_500_000_000L, "a new session came before the penalty was over");
    }
  }
}
