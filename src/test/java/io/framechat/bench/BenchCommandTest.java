package io.framechat.bench;

import io.framechat.Main;
import io.framechat.config.FramechatConfig;
import io.framechat.config.LimitsOptions;
import io.framechat.server.FramechatServer;
import io.framechat.testing.TestServers;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short bench runs against an in-process server: the counts must add up (no timing is asserted). */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class BenchCommandTest {

  private final StringWriter out = new StringWriter();

  private int bench(String... args) {
    CommandLine line = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true));
    String[] all = new String[args.length + 1];
    all[0] = "bench";
    System.arraycopy(args, 0, all, 1, args.length);
    return line.execute(all);
  }

  private static JsonObject read(Path file) throws Exception {
    return new JsonObject(Files.readString(file));
  }

  @Test
  @DisplayName("a paced TCP run delivers every message P+S times: delivered equals expected, loss 0")
  void paced_tcp_run_delivers_everything(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Path json = dir.resolve("bench.json");
    assertEquals(0, bench("--port", String.valueOf(server.tcpPort()), "--http-port", String.valueOf(server.httpPort()),
        "--publishers", "2", "--subscribers", "5", "--rate", "400", "--duration", "1", "--warmup", "0",
        "--json", json.toString()), out.toString());
    JsonObject figures = read(json);
    assertTrue(figures.getLong("published") > 0, figures.encode());
    assertEquals(figures.getLong("published") * 7, figures.getLong("expected"));
    assertEquals(figures.getLong("expected"), figures.getLong("delivered"), figures.encode());
    assertEquals(0, figures.getLong("lost"));
    assertTrue(figures.getString("health").endsWith("/health UP"), figures.getString("health"));
    assertTrue(figures.getJsonObject("latencyMs").getDouble("max") > 0);
    assertTrue(out.toString().contains("loss 0 (0.0000%)"), out.toString());
  }

  @Test
  @DisplayName("a windowed (as fast as possible) run, and a UDP run, also lose nothing on loopback")
  void windowed_and_udp_runs(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Path tcp = dir.resolve("tcp.json");
    assertEquals(0, bench("--port", String.valueOf(server.tcpPort()), "--http-port", String.valueOf(server.httpPort()),
        "--subscribers", "3", "--window", "20", "--duration", "1", "--warmup", "0", "--json", tcp.toString()),
        out.toString());
    assertEquals(read(tcp).getLong("expected"), read(tcp).getLong("delivered"));
    Path udp = dir.resolve("udp.json");
    assertEquals(0, bench("--udp", "--udp-port", String.valueOf(server.udpPort()), "--http-port",
        String.valueOf(server.httpPort()), "--subscribers", "3", "--rate", "200", "--duration", "1", "--warmup", "0",
        "--json", udp.toString()), out.toString());
    assertEquals("udp", read(udp).getString("transport"));
    assertEquals(read(udp).getLong("expected"), read(udp).getLong("delivered"));
  }

  @Test
  @DisplayName("--idle holds N connections and reads the server's resident memory")
  void idle_mode_counts_connections(Vertx vertx, @TempDir Path dir) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    Path json = dir.resolve("idle.json");
    assertEquals(0, bench("--port", String.valueOf(server.tcpPort()), "--idle", "50", "--duration", "0",
        "--server-pid", String.valueOf(ProcessHandle.current().pid()), "--json", json.toString()), out.toString());
    JsonObject figures = read(json);
    assertEquals(50, figures.getInteger("connections"));
    assertTrue(figures.getLong("serverRssAfterBytes") > 0, figures.encode());
  }

  @Test
  @DisplayName("against a server with its default flood limits, the bench stops at the first refusal and says how to lift them")
  void refused_rate_stops_with_a_hint(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("limits", new JsonObject()
        .put("messagesPerSecond", LimitsOptions.DEFAULT_MESSAGES_PER_SECOND).put("burst", LimitsOptions.DEFAULT_BURST)));
    long start = System.nanoTime();
    assertEquals(BenchCommand.EXIT_REFUSED, bench("--port", String.valueOf(server.tcpPort()), "--http-port",
        String.valueOf(server.httpPort()), "--subscribers", "2", "--duration", "30", "--warmup", "0"), out.toString());
    assertTrue(out.toString().contains("rate_limited"), out.toString());
    assertTrue(out.toString().contains("--config conf/bench.json"), out.toString());
    assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(25),
        "stopped at the refusal, not after the 30 s asked for");
  }

  @Test
  @DisplayName("conf/bench.json lifts every limit a bench run meets")
  void bench_config_lifts_the_limits() throws Exception {
    FramechatConfig config = FramechatConfig.fromJson(new JsonObject(Files.readString(Path.of("conf", "bench.json"))));
    assertTrue(config.limits().messagesPerSecond() >= 1_000_000);
    assertTrue(config.limits().burst() >= 1_000_000);
    assertTrue(config.limits().maxConnectionsPerIp() >= 10_000);
    assertEquals(List.of(), FramechatConfig.unknownKeys(new JsonObject(Files.readString(Path.of("conf", "bench.json")))));
  }
}
