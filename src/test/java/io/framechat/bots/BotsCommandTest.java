package io.framechat.bots;

import io.framechat.Main;
import io.framechat.server.FramechatServer;
import io.framechat.testing.TestServers;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code framechat bots} against an in-process server. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class BotsCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int bots(FramechatServer server, String script, String... more) {
    CommandLine line = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("bots", "--script", script, "--host", "127.0.0.1",
        "--port", String.valueOf(server.tcpPort()), "--udp-port", String.valueOf(server.udpPort())));
    args.addAll(List.of(more));
    return line.execute(args.toArray(String[]::new));
  }

  @Test
  @DisplayName("a login step logs in with --token-file, renewed from the file when the server warns; without a token"
      + " option it fails and says what to give")
  void login_step(Vertx vertx, @TempDir Path dir) throws Exception {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
    Path file = dir.resolve("bot.token");
    // inside the expiry warning: the server warns at once; the file holds the same token, so nothing is sent again
    Files.writeString(file, tokens.sign(Tokens.claims("botty", 60)));
    Path script = dir.resolve("login.json");
    Files.writeString(script, """
        {"clients": [{"name": "botty", "steps": [
          {"step": "connect"},
          {"step": "login"},
          {"step": "expect", "frame": {"type": "joined", "room": "lobby"}},
          {"step": "say", "text": "logged in as ${nick}"},
          {"step": "expect", "frame": {"type": "message", "from": "botty"}, "text": "^logged in as botty$"},
          {"step": "quit"}]}]}""");
    assertEquals(0, bots(server, script.toString(), "--token-file", file.toString()), out + "\n" + err);
    assertTrue(out.toString().contains("1 of 1 passed"), out.toString());
    assertEquals(BotsCommand.EXIT_FAILED, bots(server, script.toString()));
    assertTrue(out.toString().contains("step 2 (login): a login step needs --token, --token-file or --token-command"),
        out.toString());
  }

  @Test
  @DisplayName("the shipped two-client conversation passes: exit 0, every client ok")
  void smoke_script_passes(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    assertEquals(0, bots(server, "conf/scripts/smoke.json"), out + "\n" + err);
    assertTrue(out.toString().contains("result: 2 of 2 passed, 4 expectations met, 0 failed: PASSED"), out.toString());
  }

  @Test
  @DisplayName("the shipped TCP-and-UDP cross-room script passes")
  void cross_transport_script_passes(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    assertEquals(0, bots(server, "conf/scripts/cross-transport.json"), out + "\n" + err);
    assertTrue(out.toString().contains("3 of 3 passed"), out.toString());
  }

  @Test
  @DisplayName("instances run concurrently with their own ${i}; a repeat paces its iterations")
  void instances_and_variables(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Path script = dir.resolve("many.json");
    Files.writeString(script, """
        {"clients": [{"name": "bot", "instances": 4, "steps": [
          {"step": "connect"},
          {"step": "hello", "nick": "bot-${run}-${i}"},
          {"step": "repeat", "times": 3, "ratePerSecond": 50, "steps": [{"step": "say", "text": "${nick} says ${n}"}]},
          {"step": "expect", "frame": {"type": "message", "from": "bot-${run}-${i}"}, "text": "^bot-\\\\w+-${i} says 2$"},
          {"step": "quit"}]}]}""");
    assertEquals(0, bots(server, script.toString()), out + "\n" + err);
    for (int i = 0; i < 4; i++) {
      assertTrue(out.toString().contains("bot#" + i + "            ok"), out.toString());
    }
  }

  @Test
  @DisplayName("a failed expectation: exit 1, and the report says what was seen instead")
  void failing_script_reports_what_was_seen(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Path script = dir.resolve("fail.json");
    Files.writeString(script, """
        {"defaults": {"timeoutMs": 300}, "clients": [{"name": "hopeful", "steps": [
          {"step": "connect"},
          {"step": "say", "text": "anyone?"},
          {"step": "expect", "frame": {"type": "message", "from": "nobody"}},
          {"step": "quit"}]}]}""");
    assertEquals(BotsCommand.EXIT_FAILED, bots(server, script.toString()));
    String report = out.toString();
    assertTrue(report.contains("hopeful          FAILED"), report);
    assertTrue(report.contains("step 3 (expect): no {\"type\":\"message\",\"from\":\"nobody\"} within 300 ms; saw instead"), report);
    assertTrue(report.contains("\"text\":\"anyone?\""), report);
    assertTrue(report.contains("0 of 1 passed"), report);
  }

  @Test
  @DisplayName("a server error to a hello fails that step with the error")
  void error_reply_fails_step(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Path script = dir.resolve("bad-nick.json");
    Files.writeString(script, """
        {"clients": [{"name": "spacey", "steps": [{"step": "connect"}, {"step": "hello", "nick": "two words"}]}]}""");
    assertEquals(BotsCommand.EXIT_FAILED, bots(server, script.toString()));
    assertTrue(out.toString().contains("step 2 (hello): server answered {\"type\":\"error\",\"code\":\"bad_request\""),
        out.toString());
  }

  @Test
  @DisplayName("a bad script fails before connecting (exit 2), naming each step and field")
  void bad_script_fails_before_connecting(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    server.stop().await();
    Path script = dir.resolve("bad.json");
    Files.writeString(script, """
        {"clients": [{"name": "x", "steps": [{"step": "connect"}, {"step": "whisper", "text": "hi"}, {"step": "fly"}]}]}""");
    assertEquals(BotsCommand.EXIT_BAD_SCRIPT, bots(server, script.toString()));
    assertTrue(err.toString().contains("clients[0] \"x\" step 2 (whisper): missing field \"to\""), err.toString());
    assertTrue(err.toString().contains("clients[0] \"x\" step 3: unknown step \"fly\""), err.toString());
    assertEquals("", out.toString());
  }
}
