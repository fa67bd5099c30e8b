package io.framechat.bots;

import io.framechat.client.TargetOptions;
import io.framechat.client.TokenOptions;
import io.framechat.client.TokenSource;
import io.framechat.client.RepairReport;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code framechat bots --script FILE}: runs the clients of a script concurrently, each as a
 * verticle, and reports per client. Exit code 0 only if every expectation held.
 */
@Command(name = "bots", mixinStandardHelpOptions = true,
    description = "Run scripted clients (smoke tests, conversations, load) and report; see docs/SCRIPTS.md.")
public final class BotsCommand implements Callable<Integer> {

  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_SCRIPT = 2;

  @Option(names = "--script", required = true, paramLabel = "FILE", description = "The JSON script.")
  Path script;

  /** For connect steps that name no host or port; a script's own defaults come before the built-in ones. */
  @Mixin
  TargetOptions server = new TargetOptions();

  /** For login steps. */
  @Mixin
  TokenOptions login = new TokenOptions();

  @Option(names = "--run", paramLabel = "ID", description = "Value of $${run} in the script (default: random), to keep nicks and rooms of separate runs apart.")
  String run;

  @Option(names = "--max-seconds", defaultValue = "600", description = "Give up on bots still running after this long (default: ${DEFAULT-VALUE}).")
  long maxSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Script parsed;
    try {
      parsed = ScriptParser.parse(Files.readString(script));
    } catch (IOException e) {
      err.println("framechat bots: cannot read " + script + ": " + e.getMessage());
      return EXIT_BAD_SCRIPT;
    } catch (ScriptException e) {
      err.println("framechat bots: " + script + " cannot run:");
      e.problems().forEach(problem -> err.println("  " + problem));
      return EXIT_BAD_SCRIPT;
    }
    TokenSource tokens;
    try {
      tokens = login.source();
    } catch (IllegalArgumentException e) {
      err.println("framechat bots: " + e.getMessage());
      return EXIT_BAD_SCRIPT;
    }
    BotVerticle.Defaults defaults = new BotVerticle.Defaults(
        server.host(parsed.host()), server.tcpPort(parsed.tcpPort()), server.udpPort(parsed.udpPort()),
        server.byteOrder(), server.tls(), parsed.timeoutMs(),
        run != null ? run : Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36), tokens);
    out.println("bots: " + script + " (run " + defaults.run() + ") against tcp " + defaults.host() + ":"
        + defaults.tcpPort() + ", udp " + defaults.host() + ":" + defaults.udpPort());
    out.flush();

    Vertx vertx = Vertx.vertx();
    try {
      List<BotResult> results = run(vertx, parsed, defaults);
      return report(out, results);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private List<BotResult> run(Vertx vertx, Script parsed, BotVerticle.Defaults defaults) throws Exception {
    BlockingQueue<BotResult> finished = new LinkedBlockingQueue<>();
    int total = 0;
    for (Script.ClientSpec client : parsed.clients()) {
      AtomicInteger index = new AtomicInteger();
      vertx.deployVerticle(() -> new BotVerticle(client, index.getAndIncrement(), defaults, finished::add),
          new DeploymentOptions().setInstances(client.instances())).await(30, TimeUnit.SECONDS);
      total += client.instances();
    }
    List<BotResult> results = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    while (results.size() < total) {
      BotResult result = finished.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (result == null) {
        break;
      }
      results.add(result);
    }
    if (results.size() < total) {
      BotResult late = new BotResult("(unfinished)");
      late.failed((total - results.size()) + " bots still running after " + maxSeconds + " s");
      results.add(late);
    }
    results.sort(Comparator.comparing(BotResult::name));
    return results;
  }

  private static int report(PrintWriter out, List<BotResult> results) {
    int passed = 0;
    int met = 0;
    int failedExpectations = 0;
    for (BotResult result : results) {
      met += result.expectationsMet();
      StringBuilder line = new StringBuilder(String.format("  %-16s %-6s %4d steps, %3d expectations met, %6d sent, %7d received",
          result.name(), result.passed() ? "ok" : "FAILED", result.stepsPassed(), result.expectationsMet(),
          result.sent(), result.received()));
      if (result.dropped() > 0) {
        line.append(", ").append(result.dropped()).append(" unread dropped");
      }
      if (result.repairs().gaps() > 0) {
        line.append(", ").append(RepairReport.describe(result.repairs()));
      }
      out.println(line);
      for (String failure : result.failures()) {
        out.println("      " + failure);
        if (failure.contains("(expect)")) {
          failedExpectations++;
        }
      }
      if (result.passed()) {
        passed++;
      }
    }
    boolean ok = passed == results.size();
    out.println("result: " + passed + " of " + results.size() + " passed, " + met + " expectations met, "
        + failedExpectations + " failed: " + (ok ? "PASSED" : "FAILED"));
    out.flush();
    return ok ? 0 : EXIT_FAILED;
  }
}
