package io.framechat.server;

import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.HttpCall;
import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestCertificates;
import io.framechat.testing.TestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fat jar as a user runs it: command line, environment, exit codes, signals. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class ServerProcessIT {

  @Test
  @DisplayName("FRAMECHAT_* variables configure the server, which logs its actual ports and chats")
  void environment_configures_the_server(Vertx vertx) {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_TCP_BYTE_ORDER", "little");
    try (ServerProcess server = ServerProcess.start(env).awaitListening()) {
      assertTrue(server.output().stream().anyMatch(line -> line.contains("little-endian")), server.output().toString());
      TestClient alice = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.LITTLE).welcomed();
      TestClient udp = TestClient.udp(vertx, server.udpPort());
      alice.send("hello from a little-endian client");
      assertEquals("hello from a little-endian client", udp.nextOfType("message").getString("text"));
    }
  }

  @Test
  @DisplayName("SIGTERM: connected clients get bye (shutdown), a message accepted just before is delivered, exit code 0")
  void sigterm_says_bye_and_exits_zero(Vertx vertx) {
    try (ServerProcess server = ServerProcess.start(ServerProcess.loopbackAnyPort()).awaitListening()) {
      TestClient alice = TestClient.tcp(vertx, server.tcpPort());
      TestClient bob = TestClient.tcp(vertx, server.tcpPort());
      alice.sync();
      bob.sync();
      bob.send(new JsonObject().put("type", "say").put("text", "last words"));
      assertEquals("last words", bob.nextOfType("message").getString("text"), "the echo: the message was accepted");
      server.terminate();
      JsonObject frame = alice.next();
      while (!"message".equals(frame.getString("type")) && !"bye".equals(frame.getString("type"))) {
        frame = alice.next();
      }
      assertEquals("last words", frame.getString("text"), "the message comes before the bye: " + frame.encode());
      assertEquals(new JsonObject().put("type", "bye").put("reason", "shutdown").put("reconnect", true),
          alice.nextOfType("bye"));
      alice.awaitClosed();
      assertEquals(0, server.awaitExit(), server.output().toString());
    }
  }

  @Test
  @DisplayName("under a low open-files limit the cap is lowered with one line; past it clients get too_many_connections"
      + " and one warning says so, /health answers")
  void open_files_limit_lowers_the_cap(Vertx vertx) throws Exception {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_LIMITS_MAX_CONNECTIONS_PER_IP", "100000");
    env.put("FRAMECHAT_HTTP_MANAGEMENT_ENABLED", "true");
    env.put("FRAMECHAT_HTTP_MANAGEMENT_PORT", "0");
    try (ServerProcess server = ServerProcess.startWithOpenFiles(320, env)) {
      Matcher lowered = Pattern.compile("limits.maxConnections 20000 is lowered to (\\d+)")
          .matcher(server.awaitLine("is lowered to"));
      assertTrue(lowered.find());
      int cap = Integer.parseInt(lowered.group(1));
      assertTrue(cap > 10 && cap < 320 - 128, "cap " + cap);
      server.awaitListening();
      List<TestClient> admitted = new ArrayList<>();
      for (int i = 0; i < cap; i++) {
        admitted.add(TestClient.tcp(vertx, server.tcpPort()));
      }
      for (int i = 0; i < 20; i++) {
        TestClient refused = TestClient.tcp(vertx, server.tcpPort(), HeaderByteOrder.BIG);
        refused.nextError("too_many_connections");
        refused.awaitClosed();
      }
      server.awaitLine("a connection was refused at " + cap + " connections, the open-files limit's room");
      assertEquals(1, server.output().stream().filter(line -> line.contains("the open-files limit's room")).count(),
          "said once, when it bit: " + String.join("\n", server.output()));
      int status = HttpCall.get(server.managementPort(), "/health").status();
      assertEquals(200, status, "/health answers at the cap, on the management port (it may use the files kept back)");
      admitted.get(0).close();
      admitted.get(1).send("/quit");
      admitted.get(1).awaitClosed();
      TestClient.tcp(vertx, server.tcpPort()).send("still here").nextOfType("message");
    }
  }

  @Test
  @DisplayName("server.logFormat json: every line is one JSON object; a client's arrival and departure carry its fields")
  void json_logs(Vertx vertx) {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_SERVER_LOG_FORMAT", "json");
    try (ServerProcess server = ServerProcess.start(env)) {
      server.awaitListening();
      TestClient alice = TestClient.tcp(vertx, server.tcpPort()).hello("alice");
      alice.send("/quit");
      alice.awaitClosed();
      JsonObject gone = new JsonObject(server.awaitLine("\"client gone\""));
      assertEquals("alice", gone.getString("nick"));
      assertEquals("quit", gone.getString("reason"));
      assertEquals("tcp", gone.getString("transport"));
      assertEquals("io.framechat.connections", gone.getString("logger"));
      server.terminate();
      assertEquals(0, server.awaitExit());
      for (String line : server.output()) {
        assertTrue(line.startsWith("{") && new JsonObject(line).containsKey("message"), "not a JSON line: " + line);
      }
    }
  }

  @Test
  @DisplayName("/metrics passes promtool check metrics, with no warning")
  void metrics_pass_promtool() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/promtool")),
        "promtool is not installed: apt-get install prometheus (Debian), or put it at /usr/bin/promtool");
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_ADMIN_TOKEN", "token-for-the-metrics-test");
    try (ServerProcess server = ServerProcess.start(env).awaitListening()) {
      String publish = HttpCall.send("POST", server.httpPort(), "/api/publish",
          Map.of("Authorization", "Bearer token-for-the-metrics-test"),
          new JsonObject().put("room", "lobby").put("text", "hi").toBuffer()).body().toString();
      assertTrue(publish.contains("\"seq\""), publish);
      String metrics = HttpCall.get(server.httpPort(), "/metrics").body().toString();
      assertTrue(metrics.contains("framechat_admin_actions_total{action=\"publish\"} 1.0"), metrics);
      assertTrue(metrics.contains("jvm_memory_used_bytes"), "the JVM's meters are there");
      Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
      promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
      promtool.getOutputStream().close();
      String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, promtool.waitFor(), said);
      assertEquals("", said.strip());
    }
  }

  @Test
  @DisplayName("a bad value in the environment stops start-up with exit code 2 and one line naming the key")
  void bad_environment_value_fails_naming_key() {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_TCP_PORT", "70000");
    try (ServerProcess server = ServerProcess.start(env)) {
      assertEquals(2, server.awaitExit());
      List<String> output = server.output();
      assertEquals(1, output.size(), output.toString());
      assertTrue(output.get(0).contains("tcp.port"), output.get(0));
    }
  }

  @Test
  @DisplayName("TLS with a certificate file that is missing, or not a certificate, stops start-up with one line naming the key")
  void bad_certificate_file_fails_naming_key(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "not a certificate");
    for (String certPath : List.of(dir.resolve("missing.pem").toString(), junk.toString())) {
      Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
      env.put("FRAMECHAT_TCP_TLS_ENABLED", "true");
      env.put("FRAMECHAT_TCP_TLS_CERT_PATH", certPath);
      env.put("FRAMECHAT_TCP_TLS_KEY_PATH", junk.toString());
      try (ServerProcess server = ServerProcess.start(env)) {
        assertEquals(2, server.awaitExit());
        List<String> output = server.output();
        assertEquals(1, output.size(), output.toString());
        assertTrue(output.get(0).startsWith("framechat: bad configuration: tcp.tls.certPath: "), output.get(0));
      }
    }
  }

  @Test
  @DisplayName("the jar's TLS is OpenSSL (BoringSSL), said at start-up, and resumes sessions; tls.engine jdk is the JDK's")
  void tls_engine_in_the_jar(@TempDir Path dir) throws Exception {
    TestCertificates.Pair pair = TestCertificates.ca(dir).issue("server", "localhost");
    for (String engine : List.of("auto", "jdk")) {
      Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
      env.put("FRAMECHAT_TCP_TLS_ENABLED", "true");
      env.put("FRAMECHAT_TCP_TLS_CERT_PATH", pair.cert().toString());
      env.put("FRAMECHAT_TCP_TLS_KEY_PATH", pair.key().toString());
      env.put("FRAMECHAT_TCP_TLS_ENGINE", engine);
      try (ServerProcess server = ServerProcess.start(env).awaitListening()) {
        String said = "auto".equals(engine) ? "TLS on, BoringSSL" : "TLS on, JDK";
        assertTrue(server.output().stream().anyMatch(line -> line.contains("TCP listening") && line.contains(said)),
            server.output().toString());
        if ("auto".equals(engine)) {
          Path session = dir.resolve("session.pem");
          String connect = "127.0.0.1:" + server.tcpPort();
          // the first connection waits for the server's session ticket before it ends (its lines unbuffered)
          Process first = new ProcessBuilder("stdbuf", "-oL", "openssl", "s_client", "-connect", connect, "-sess_out", session.toString())
              .redirectErrorStream(true).start();
          java.io.BufferedReader out = first.inputReader(StandardCharsets.ISO_8859_1);
          String line = out.readLine();
          while (line != null && !line.contains("New Session Ticket")) {
            line = out.readLine();
          }
          first.getOutputStream().close();
          assertEquals(0, first.waitFor(), "openssl s_client (from Debian's openssl) ran");
          Process second = new ProcessBuilder("openssl", "s_client", "-connect", connect, "-sess_in", session.toString())
              .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
          String resumed = new String(second.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
          assertTrue(resumed.contains("Reused, TLSv1.3"), resumed);
        }
      }
    }
  }

  @Test
  @DisplayName("server --config FILE: a bad byte order fails naming tcp.byteOrder; unknown keys only warn")
  void config_file_is_checked(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"tcp\":{\"byteOrder\":\"middle\"}}");
    try (ServerProcess server = ServerProcess.start(ServerProcess.loopbackAnyPort(), "server", "--config", bad.toString())) {
      assertEquals(2, server.awaitExit());
      assertEquals(1, server.output().size(), server.output().toString());
      assertTrue(server.output().get(0).contains("tcp.byteOrder"), server.output().get(0));
    }
    Path odd = dir.resolve("odd.json");
    Files.writeString(odd, "{\"tcp\":{\"prot\":9001},\"future\":{\"feature\":true}}");
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_TCP_PROT", "9001");
    try (ServerProcess server = ServerProcess.start(env, "--config", odd.toString())) {
      server.awaitLine("unknown environment variable FRAMECHAT_TCP_PROT is ignored");
      server.awaitLine("unknown configuration key \"tcp.prot\"");
      server.awaitLine("unknown configuration key \"future\"");
      server.awaitLine("framechat .* starting with configuration .*odd\\.json");
      server.awaitListening();
    }
  }

  @Test
  @DisplayName("a missing file, JSON that is not an object, and a syntax error each stop start-up with their own one line")
  void config_file_problems_in_one_line(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("list.json");
    Files.writeString(list, "[]");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"tcp\": {\"port\": 9001,}\n}");
    Map<Path, String> expected = Map.of(dir.resolve("missing.json"), "missing.json: no such file",
        list, "list.json: holds a JSON array, not an object", broken, "broken.json: not valid JSON at line 2, column 24");
    for (Map.Entry<Path, String> each : expected.entrySet()) {
      try (ServerProcess server = ServerProcess.start(ServerProcess.loopbackAnyPort(), "--config", each.getKey().toString())) {
        assertEquals(2, server.awaitExit());
        assertEquals(1, server.output().size(), server.output().toString());
        assertTrue(server.output().get(0).startsWith("framechat: bad configuration: "), server.output().get(0));
        assertTrue(server.output().get(0).contains(each.getValue()), server.output().get(0));
      }
    }
  }

  @Test
  @DisplayName("a port already in use stops start-up with exit code 1 and a line naming the listener and its port")
  void port_in_use_fails(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
      env.put("FRAMECHAT_TCP_PORT", String.valueOf(taken.getLocalPort()));
      try (ServerProcess server = ServerProcess.start(env)) {
        assertEquals(1, server.awaitExit());
        String expected = "framechat: cannot start: TCP listener on 127.0.0.1:" + taken.getLocalPort() + ": ";
        assertTrue(server.output().stream().anyMatch(line -> line.startsWith(expected)), server.output().toString());
      }
    }
  }
}
