package io.framechat.client;

import io.framechat.server.FramechatServer;
import io.framechat.testing.LossyUdpProxy;
import io.framechat.testing.TcpRelay;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal client driven through its stdin and stdout against an in-process server. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ClientCommandTest {

  @Test
  @DisplayName("lines typed are sent while frames print as they arrive; Q exits with code 0")
  void chats_full_duplex_and_quits_with_q(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("dev");
    ClientRun alice = new ClientRun("--port", String.valueOf(server.tcpPort()), "--nick", "alice", "--room", "dev");
    alice.out.await("* joined dev (2 members)");
    bob.send(new JsonObject().put("type", "say").put("text", "hi alice"));
    alice.out.await("[dev] bob: hi alice");
    assertEquals("hi alice", bob.nextOfType("message").getString("text"));
    alice.type("hello bob");
    assertEquals("hello bob", bob.nextOfType("message").getString("text"));
    alice.type("/msg bob psst");
    alice.out.await("(whisper to bob) psst");
    bob.send("/msg alice back");
    alice.out.await("(whisper) bob: back");
    bob.send("/nick bobby");
    alice.out.await("* bob is now bobby");
    alice.type("/nick bobby");
    alice.out.await("! error nick_taken: nick \"bobby\" is taken");
    alice.type("/nick");
    alice.out.await("! error bad_request: usage: /nick NAME");
    alice.type("Q");
    alice.out.await("* bye (quit)");
    assertEquals(0, alice.awaitExit());
    assertEquals("alice", bob.nextPresence("leave").getString("nick"));
  }

  @Test
  @DisplayName("end of input quits cleanly with exit code 0")
  void end_of_input_exits_zero(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    ClientRun client = new ClientRun("--port", String.valueOf(server.tcpPort()));
    client.out.await("* connected as ");
    client.keyboard.close();
    assertEquals(0, client.awaitExit());
  }

  @Test
  @DisplayName("a lost connection prints one clear line and exits non-zero")
  void lost_connection_exits_non_zero(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    TcpRelay relay = TcpRelay.start(vertx, server.tcpPort());
    ClientRun client = new ClientRun("--port", String.valueOf(relay.port()));
    client.out.await("* connected as ");
    relay.cut();
    assertEquals(ClientCommand.EXIT_LOST, client.awaitExit());
    String line = client.err.await("framechat client: connection to tcp://127.0.0.1:");
    assertTrue(line.contains("lost"), line);
  }

  @Test
  @DisplayName("without --reconnect, a server that stops cleanly says so, the client suggests --reconnect and exits 0")
  void clean_shutdown_exits_zero(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    ClientRun client = new ClientRun("--port", String.valueOf(server.tcpPort()));
    client.out.await("* connected as ");
    server.stop().await(20, TimeUnit.SECONDS);
    assertEquals(0, client.awaitExit());
    client.out.await("* the server is shutting down (shutdown)",
        "* the server stopped cleanly and asks clients to come back: with --reconnect this client does so by itself");
  }

  @Test
  @DisplayName("--reconnect: after a dropped connection the client comes back with its nick and shows every message said meanwhile, once")
  void reconnect_resumes_rooms(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("chat", "historySize", 1000));
    TcpRelay relay = TcpRelay.start(vertx, server.tcpPort());
    ClientRun client = new ClientRun("--port", String.valueOf(relay.port()), "--nick", "ann", "--room", "dev", "--reconnect");
    client.out.await("* you are now ann", "* joined dev");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("dev");
    int total = 300;
    bob.chatter(vertx, "dev", total);
    Set<String> shown = new HashSet<>();
    boolean cut = false;
    boolean reconnected = false;
    while (shown.size() < total) {
      String line = client.out.next();
      reconnected |= line.startsWith("* reconnected to tcp://127.0.0.1:" + relay.port() + "; resuming lobby, dev");
      if (line.contains("[dev] bob: ")) {
        assertTrue(shown.add(line.replace("(history) ", "")), "shown twice: " + line);
        if (!cut && shown.size() == 50) {
          assertEquals(1, relay.cut());
          cut = true;
        }
      }
    }
    assertTrue(reconnected, "no reconnect line");
    client.type("back again");
    JsonObject said = bob.nextOfType("message");
    while (!"back again".equals(said.getString("text"))) {
      said = bob.nextOfType("message");
    }
    assertEquals("ann", said.getString("from"), "the nick is taken again");
    client.type("q");
    assertEquals(0, client.awaitExit());
  }

  @Test
  @DisplayName("/more shows the page before the oldest message shown, back to the first message the store keeps")
  void more_pages_back_to_the_first_message(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx, new JsonObject()
        .put("store", new JsonObject().put("kind", "sqlite").put("path", dir.resolve("chat.db").toString()))
        .put("chat", new JsonObject().put("historySize", 10)));
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("dev");
    bob.chatter(vertx, "dev", 120);
    for (int i = 0; i < 120; i++) {
      bob.nextOfType("message");
    }
    ClientRun alice = new ClientRun("--port", String.valueOf(server.tcpPort()), "--nick", "alice", "--room", "dev");
    // the join replays what memory holds (the last 10); each /more shows the 50 before the oldest shown
    alice.out.await("* joined dev", "(history) [dev] bob: bob 111");
    alice.type("/more");
    alice.out.await("(history) [dev] bob: bob 61", "(history) [dev] bob: bob 110",
        "* dev: older messages are kept: /more shows them");
    alice.type("/more");
    alice.out.await("(history) [dev] bob: bob 11", "(history) [dev] bob: bob 60",
        "* dev: older messages are kept: /more shows them");
    alice.type("/more");
    alice.out.await("(history) [dev] bob: bob 1", "(history) [dev] bob: bob 10", "* dev: that was the first message kept");
    alice.type("/more lobby");
    alice.out.await("* lobby: nothing shown yet to scroll back from");
    alice.type("q");
    assertEquals(0, alice.awaitExit());
  }

  @Test
  @DisplayName("--reconnect: a server gone for good is tried --reconnect-attempts times, then one line and a non-zero exit")
  void reconnect_gives_up(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    ClientRun client = new ClientRun("--port", String.valueOf(server.tcpPort()), "--reconnect", "--reconnect-attempts", "2");
    client.out.await("* connected as ");
    server.stop().await(20, TimeUnit.SECONDS);
    client.out.await("* the server is shutting down (shutdown)", "* connection closed by the server (shutdown); reconnecting to tcp://");
    assertEquals(ClientCommand.EXIT_LOST, client.awaitExit());
    String line = client.err.await("framechat client: connection to tcp://127.0.0.1:");
    assertTrue(line.contains("gave up after 2 attempts to reconnect"), line);
  }

  @Test
  @DisplayName("--udp --reconnect: the client survives a server restart on the same port: it comes back and chats on")
  void udp_reconnect_after_restart(Vertx vertx) throws Exception {
    FramechatServer first = TestServers.start(vertx);
    int udpPort = first.udpPort();
    ClientRun client = new ClientRun("--udp", "--udp-port", String.valueOf(udpPort), "--nick", "ann", "--room", "dev", "--reconnect");
    client.out.await("* you are now ann", "* joined dev");
    TestClient.tcp(vertx, first.tcpPort()).hello("bob").join("dev").send("before the restart");
    client.out.await("[dev] bob: before the restart");
    first.stop().await(20, TimeUnit.SECONDS);
    client.out.await("* the server is shutting down (shutdown)", "* connection closed by the server (shutdown); reconnecting to udp://");
    FramechatServer second = TestServers.start(vertx, TestServers.set("udp", "port", udpPort));
    client.out.await("* reconnected to udp://127.0.0.1:" + udpPort + "; resuming lobby, dev", "* you are now ann",
        "* joined dev", "* dev: the server restarted and its history of the room is gone");
    TestClient bob = TestClient.tcp(vertx, second.tcpPort()).hello("bob").join("dev");
    bob.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "hi again"));
    client.out.await("[dev] bob: hi again");
    client.type("q");
    assertEquals(0, client.awaitExit());
  }

  @Test
  @DisplayName("--udp --reconnect: with no server answering, each attempt waits for a welcome, then the client gives up")
  void udp_reconnect_gives_up(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    ClientRun client = new ClientRun("--udp", "--udp-port", String.valueOf(server.udpPort()), "--reconnect", "--reconnect-attempts", "1");
    client.out.await("* connected as ");
    server.stop().await(20, TimeUnit.SECONDS);
    assertEquals(ClientCommand.EXIT_LOST, client.awaitExit());
    String line = client.err.await("framechat client: connection to udp://127.0.0.1:");
    assertTrue(line.contains("gave up after 1 attempts to reconnect (no welcome within 3000 ms)"), line);
  }

  @Test
  @DisplayName("--udp with no server answering: after the welcome timeout, one line saying so and a non-zero exit")
  void udp_with_no_server(Vertx vertx) throws Exception {
    int port;
    try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0)) {
      port = socket.getLocalPort();
    }
    ClientRun client = new ClientRun("--udp", "--udp-port", String.valueOf(port));
    client.keyboard.close(); // piped input that ends at once must not hide it
    assertEquals(ClientCommand.EXIT_LOST, client.awaitExit());
    assertEquals("framechat client: no server answered at udp://127.0.0.1:" + port + ": no welcome within "
        + Attempts.ANSWER_MILLIS + " ms", client.err.await("framechat client: "));
  }

  @Test
  @DisplayName("--reconnect covers the first connection: the client waits for a server that is not up yet, then chats")
  void reconnect_waits_for_the_server(Vertx vertx) throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ClientRun client = new ClientRun("--port", String.valueOf(port), "--nick", "early", "--reconnect");
    client.out.await("* no server at tcp://127.0.0.1:" + port + " yet (");
    FramechatServer server = TestServers.start(vertx, TestServers.set("tcp", "port", port));
    client.out.await("* connected as ", "* you are now early");
    TestClient other = TestClient.tcp(vertx, server.tcpPort()).hello("other");
    client.type("made it");
    assertEquals("made it", other.nextOfType("message").getString("text"));
    client.type("/quit");
    assertEquals(0, client.awaitExit());
  }

  @Test
  @DisplayName("a server that is not there: one line and a non-zero exit")
  void refused_connection_exits_non_zero() throws Exception {
    int freePort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    ClientRun client = new ClientRun("--port", String.valueOf(freePort));
    assertEquals(ClientCommand.EXIT_LOST, client.awaitExit());
    client.err.await("framechat client: cannot connect to tcp://127.0.0.1:" + freePort);
  }

  @Test
  @DisplayName("--udp chats over datagrams with the same rendering")
  void udp_client_chats(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("tcpuser");
    ClientRun udp = new ClientRun("--udp", "--udp-port", String.valueOf(server.udpPort()), "--nick", "udpuser");
    udp.out.await("* you are now udpuser");
    udp.type("hello over udp");
    JsonObject message = tcp.nextOfType("message");
    assertEquals("udpuser", message.getString("from"));
    udp.out.await("[lobby] udpuser: hello over udp");
    udp.type("q");
    assertEquals(0, udp.awaitExit());
  }

  @Test
  @DisplayName("--udp on a lossy path shows every message once and reports the gaps it repaired")
  void udp_client_repairs_lost_datagrams(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("chat", "historySize", 1000));
    LossyUdpProxy proxy = LossyUdpProxy.start(vertx, server.udpPort(), 10);
    ClientRun udp = new ClientRun("--udp", "--udp-port", String.valueOf(proxy.port()), "--room", "lossy");
    udp.out.await("* joined lossy");
    TestClient sender = TestClient.tcp(vertx, server.tcpPort()).hello("sender").join("lossy");
    int total = 200;
    sender.chatter(vertx, "lossy", total);
    Set<String> shown = new HashSet<>();
    while (shown.size() < total) {
      String line = udp.out.next();
      if (line.contains("[lossy] sender: ")) {
        assertTrue(shown.add(line.replace("(history) ", "")), "shown twice: " + line);
      }
    }
    udp.type("q");
    assertEquals(0, udp.awaitExit());
    String report = udp.err.await("framechat client: ");
    assertTrue(report.matches("framechat client: (\\d+) of \\1 missing messages repaired from history"), report);
  }
}
