package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UDP sessions over real datagrams, and UDP and TCP clients sharing rooms. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class UdpTest {

  private Vertx vertx;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx, new JsonObject().put("udp", new JsonObject().put("maxDatagramBytes", 1200).put("sessionIdleSeconds", 1)));
  }

  @Test
  @DisplayName("the first datagram opens a session (welcome) and is then handled like any other")
  void first_datagram_opens_session_and_is_handled() {
    TestClient udp = TestClient.udpUnopened(vertx, server.udpPort());
    udp.send("hello from udp\n");
    JsonObject welcome = udp.next("welcome");
    assertTrue(welcome.getString("nick").startsWith("guest-"));
    assertEquals("lobby", welcome.getString("room"));
    JsonObject echo = udp.next("message");
    assertEquals("hello from udp", echo.getString("text"));
    assertEquals(welcome.getString("nick"), echo.getString("from"));
  }

  @Test
  @DisplayName("TCP and UDP clients chat in the same rooms, both ways")
  void tcp_and_udp_share_rooms() {
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("tcpuser");
    TestClient udp = TestClient.udp(vertx, server.udpPort()).hello("udpuser");
    tcp.join("mixed");
    udp.join("mixed");
    assertEquals("udpuser", tcp.nextPresence("join").getString("nick"));
    tcp.send(new JsonObject().put("type", "say").put("text", "over tcp"));
    assertEquals("over tcp", tcp.nextOfType("message").getString("text"));
    assertEquals("over tcp", udp.nextOfType("message").getString("text"));
    udp.send("over udp");
    JsonObject received = tcp.nextOfType("message");
    assertEquals("udpuser", received.getString("from"));
    assertEquals("mixed", received.getString("room"));
    udp.send("/msg tcpuser private");
    assertEquals("private", tcp.nextOfType("whisper").getString("text"));
  }

  @Test
  @DisplayName("two TCP clients and one UDP client chat in the lobby and across two rooms; each hears only its rooms")
  void two_tcp_and_one_udp_across_rooms() {
    TestClient ann = TestClient.tcp(vertx, server.tcpPort()).hello("ann");
    TestClient ben = TestClient.tcp(vertx, server.tcpPort()).hello("ben");
    TestClient cat = TestClient.udp(vertx, server.udpPort()).hello("cat");
    ann.join("red");
    cat.join("red");
    ben.join("blue");
    cat.join("blue");
    ann.sync();
    ben.sync();
    cat.sync();

    ann.send(new JsonObject().put("type", "say").put("room", "lobby").put("text", "lobby hello"));
    for (TestClient client : new TestClient[] {ann, ben, cat}) {
      assertEquals("lobby hello", client.nextOfType("message").getString("text"));
    }
    cat.send("{\"type\":\"say\",\"room\":\"red\",\"text\":\"to red\"}");
    cat.send("{\"type\":\"say\",\"room\":\"blue\",\"text\":\"to blue\"}");
    JsonObject red = ann.nextOfType("message");
    assertEquals("red", red.getString("room"));
    assertEquals("cat", red.getString("from"));
    JsonObject blue = ben.nextOfType("message");
    assertEquals("blue", blue.getString("room"));
    assertEquals("to blue", blue.getString("text"));
    assertEquals("to red", cat.nextOfType("message").getString("text"));
    assertEquals("to blue", cat.nextOfType("message").getString("text"));
    ann.assertNothingPending();
    ben.assertNothingPending();
  }

  @Test
  @DisplayName("a room's batches reach each of 20 UDP members whole and in order: one datagram per message, every seq once")
  void fan_out_to_udp_members_in_batches() {
    server = TestServers.start(vertx, new JsonObject().put("limits", new JsonObject().put("messagesPerSecond", 100_000)
        .put("burst", 100_000)));
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("talker").join("fan");
    java.util.List<TestClient> members = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      members.add(TestClient.udp(vertx, server.udpPort()).hello("udp" + i).join("fan"));
    }
    // said back to back, so that the chat numbers them in batches of several; no more than a client's
    // 64 KiB receive buffer holds (about 100 small datagrams), or the kernel may drop some (it is UDP)
    int messages = 60;
    for (int i = 0; i < messages; i++) {
      tcp.send(new JsonObject().put("type", "say").put("room", "fan").put("text", "m" + i));
    }
    for (TestClient member : members) {
      long previous = -1;
      for (int i = 0; i < messages; i++) {
        JsonObject message = member.nextOfType("message");
        assertEquals("m" + i, message.getString("text"), "one body per datagram, in order");
        assertTrue(previous < 0 || message.getLong("seq") == previous + 1, "no seq skipped");
        previous = message.getLong("seq");
      }
    }
  }

  /**
   * A raw UDP socket whose session asks for packed datagrams and has joined {@code room} (its
   * {@code joined} taken from {@code datagrams}); what it receives after goes to {@code datagrams}.
   */
  private io.vertx.core.datagram.DatagramSocket packedMember(String room,
      java.util.concurrent.BlockingQueue<Buffer> datagrams) throws InterruptedException {
    io.vertx.core.datagram.DatagramSocket raw = vertx.createDatagramSocket().handler(p -> datagrams.add(p.data()))
        .listen(0, "127.0.0.1").await();
    raw.send(new JsonObject().put("type", "hello").put("nick", "packer").put("pack", true).encode(), server.udpPort(),
        "127.0.0.1").await();
    raw.send(new JsonObject().put("type", "join").put("room", room).encode(), server.udpPort(), "127.0.0.1").await();
    boolean joined = false;
    while (!joined) {
      Buffer datagram = datagrams.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(datagram != null, "joined " + room + " within 10 s");
      for (String frame : datagram.toString().split("\n", -1)) {
        JsonObject body = new JsonObject(frame);
        joined |= "joined".equals(body.getString("type")) && room.equals(body.getString("room"));
      }
    }
    return raw;
  }

  @Test
  @DisplayName("a session that sends \"pack\":true gets several frames to a datagram, a newline between, none over udp.packBytes")
  void packed_datagrams() throws Exception {
    server = TestServers.start(vertx, new JsonObject().put("udp", new JsonObject().put("packBytes", 600))
        .put("limits", new JsonObject().put("messagesPerSecond", 100_000).put("burst", 100_000)));
    java.util.concurrent.BlockingQueue<Buffer> datagrams = new java.util.concurrent.LinkedBlockingQueue<>();
    packedMember("packed", datagrams);
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("talker").join("packed");
    int messages = 200;
    for (int i = 0; i < messages; i++) {
      tcp.send(new JsonObject().put("type", "say").put("room", "packed").put("text", "m" + i));
    }
    int next = 0;
    int received = 0;
    int most = 0;
    while (next < messages) {
      Buffer datagram = datagrams.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(datagram != null, "message m" + next + " within 10 s");
      assertTrue(datagram.length() <= 600, "a datagram of " + datagram.length() + " bytes");
      received++;
      String[] frames = datagram.toString().split("\n", -1);
      most = Math.max(most, frames.length);
      for (String frame : frames) {
        JsonObject body = new JsonObject(frame);
        if ("message".equals(body.getString("type"))) {
          assertEquals("m" + next, body.getString("text"));
          next++;
        }
      }
    }
    assertTrue(most > 1 && received < messages, received + " datagrams for " + messages + " messages and more, at most "
        + most + " frames in one");
  }

  @Test
  @DisplayName("within udp.packWaitMillis a packed session's room traffic of several turns shares datagrams, and a reply comes after it")
  void packed_traffic_waits_to_share_datagrams() throws Exception {
    server = TestServers.start(vertx, new JsonObject().put("udp", new JsonObject().put("packWaitMillis", 100)));
    java.util.concurrent.BlockingQueue<Buffer> datagrams = new java.util.concurrent.LinkedBlockingQueue<>();
    io.vertx.core.datagram.DatagramSocket raw = packedMember("held", datagrams);
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("talker").join("held");
    int messages = 10;
    for (int i = 0; i < messages; i++) {
      // each waits for the talker's own copy: every message is a turn of the chat of its own
      tcp.send(new JsonObject().put("type", "say").put("room", "held").put("text", "m" + i));
      assertEquals("m" + i, tcp.nextOfType("message").getString("text"));
    }
    raw.send(new JsonObject().put("type", "ping").put("id", 7).encode(), server.udpPort(), "127.0.0.1").await();
    java.util.List<String> texts = new java.util.ArrayList<>();
    int carrying = 0;
    boolean ponged = false;
    while (!ponged) {
      Buffer datagram = datagrams.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(datagram != null, "the pong within 10 s, after " + texts);
      boolean carries = false;
      for (String frame : datagram.toString().split("\n", -1)) {
        JsonObject body = new JsonObject(frame);
        if ("message".equals(body.getString("type"))) {
          texts.add(body.getString("text"));
          carries = true;
        } else if ("pong".equals(body.getString("type"))) {
          ponged = true;
        }
      }
      carrying += carries ? 1 : 0;
    }
    assertEquals(java.util.stream.IntStream.range(0, messages).mapToObj(i -> "m" + i).toList(), texts,
        "every message, in order, before the pong");
    assertTrue(carrying < messages, messages + " messages said one at a time came in " + carrying + " datagrams");
  }

  @Test
  @DisplayName("a datagram over udp.maxDatagramBytes is answered with datagram_too_large")
  void oversized_datagram_is_refused() {
    TestClient udp = TestClient.udp(vertx, server.udpPort());
    udp.sendRaw(Buffer.buffer("x".repeat(1201)));
    udp.nextError("datagram_too_large");
    udp.sendRaw(Buffer.buffer("y".repeat(1200)));
    assertEquals(1200, udp.nextOfType("message").getString("text").length());
  }

  @Test
  @DisplayName("bad bodies over UDP get the same error codes as over TCP")
  void bad_datagrams_get_errors() {
    TestClient udp = TestClient.udp(vertx, server.udpPort());
    udp.sendRaw(Buffer.buffer(new byte[] {(byte) 0xC0, (byte) 0x80}));
    udp.nextError("bad_utf8");
    udp.send("{not json");
    udp.nextError("bad_json");
    udp.send("{\"type\":\"fly\"}");
    udp.nextError("unknown_type");
    udp.assertNothingPending();
  }

  @Test
  @DisplayName("a session with no datagram for udp.sessionIdleSeconds expires: bye idle, and a leave for the room")
  void idle_session_expires() {
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort());
    TestClient udp = TestClient.udp(vertx, server.udpPort());
    assertEquals(new JsonObject().put("type", "bye").put("reason", "idle"), udp.nextOfType("bye"));
    assertEquals(udp.nick(), tcp.nextPresence("leave").getString("nick"));
    udp.send("back again");
    assertTrue(udp.next("welcome").getString("nick").startsWith("guest-"));
  }

  @Test
  @DisplayName("quit over UDP ends the session with bye quit; the next datagram opens a new one")
  void quit_ends_session() {
    TestClient udp = TestClient.udp(vertx, server.udpPort()).hello("leaver");
    udp.send("Q");
    assertEquals("quit", udp.nextOfType("bye").getString("reason"));
    udp.send("/nick leaver");
    udp.next("welcome");
    assertEquals("leaver", udp.next("nick").getString("nick"));
  }

  @Test
  @DisplayName("/rooms with hundreds of rooms comes over UDP in pages that fit a datagram, none dropped")
  void long_room_list_in_pages() {
    FramechatServer many = TestServers.start(vertx, TestServers.set("chat", "maxRoomsPerClient", 1000));
    TestClient owner = TestClient.tcp(vertx, many.tcpPort());
    int count = 400;
    for (int i = 0; i < count; i++) {
      owner.send("/join a-rather-long-room-name-to-fill-the-list-quickly-" + i);
    }
    owner.sync();
    TestClient udp = TestClient.udp(vertx, many.udpPort());
    java.util.Set<String> seen = new java.util.HashSet<>();
    String cursor = null;
    do {
      udp.send(cursor == null ? "/rooms" : "/rooms " + cursor);
      JsonObject rooms = udp.nextOfType("rooms");
      rooms.getJsonArray("rooms").forEach(room -> seen.add(((JsonObject) room).getString("room")));
      cursor = rooms.getString("next");
    } while (cursor != null);
    assertEquals(count + 1, seen.size(), "every room, and the lobby");
  }
}
