package io.framechat.bench;

import io.framechat.client.EventLoops;
import io.framechat.client.ServerAddress;
import io.framechat.client.TargetOptions;
import io.framechat.config.HttpOptions;
import io.framechat.config.TlsOptions;
import io.framechat.net.Tls;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code framechat bench}: a load generator on the same client code. Publishers and subscribers
 * join one room; publishers send at a set total rate, or as fast as a window of unanswered messages
 * allows; everyone counts deliveries and end-to-end latency (the send time travels in the text).
 * With {@code --idle N} it instead holds N idle TCP connections and reports the server's memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure throughput, loss and latency (or memory per idle connection) against a server or cluster.")
public final class BenchCommand implements Callable<Integer> {

  /** Connections opened at once. */
  static final int CONNECT_PARALLEL = 200;
  /** Exit code when the server's flood limits refused the load. */
  public static final int EXIT_REFUSED = 3;
  @Option(names = "--event-loops", description = "Event-loop threads for the clients (default: one per core).")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  @Mixin
  TargetOptions server = new TargetOptions();

  @Option(names = "--udp", description = "Clients talk UDP instead of framed TCP.")
  boolean udp;

  @Option(names = "--ws", description = "Clients talk WebSocket (at --ws-path on --http-port) instead of framed TCP.")
  boolean ws;

  @Option(names = "--ws-path", defaultValue = HttpOptions.DEFAULT_WEBSOCKET_PATH,
      description = "With --ws: the server's http.websocket.path (default: ${DEFAULT-VALUE}).")
  String wsPath;

  @Option(names = "--server", paramLabel = "HOST:PORT",
      description = "A server to connect to (repeat for a cluster: clients are spread round-robin); replaces --host/--port.")
  List<String> servers = new ArrayList<>();

  @Option(names = "--subscribers", defaultValue = "100", description = "Subscribing clients (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(names = "--publishers", defaultValue = "1", description = "Publishing clients, also members (default: ${DEFAULT-VALUE}).")
  int publishers;

  @Option(names = "--size", defaultValue = "64", description = "Message text size in bytes (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--rate", defaultValue = "0", description = "Messages per second from all publishers; 0 = as fast as the window allows (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--window", defaultValue = "200", description = "Unanswered messages per publisher when --rate is 0 (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--duration", defaultValue = "10", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--warmup", defaultValue = "2", description = "Seconds of sending before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--room", description = "Room to use (default: bench-RANDOM).")
  String room;

  @Option(names = "--http-port", defaultValue = "8080", description = "Port of the first server's /health (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--idle", paramLabel = "N", description = "Instead: open N idle TCP connections and report the server's memory per connection.")
  Integer idle;

  @Option(names = "--server-pid", paramLabel = "PID", description = "With --idle: the server process, whose resident memory (RSS) is read from /proc.")
  Long serverPid;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<ServerAddress> targets = new ArrayList<>();
    if (servers.isEmpty()) {
      targets.add(ws ? server.address(false).websocket(httpPort, wsPath) : server.address(udp));
    } else {
      servers.forEach(hostPort -> {
        ServerAddress target = ServerAddress.parse(hostPort, udp, server.byteOrder(), server.tls());
        targets.add(ws ? target.websocket(target.port(), wsPath) : target);
      });
    }
    if (ws && udp) {
      throw new ParameterException(spec.commandLine(), "--ws and --udp: choose one");
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
    try {
      if (idle != null) {
        return new IdleBench(vertx, eventLoops, targets, idle, duration, serverPid, json).run(out);
      }
      BenchOptions options = new BenchOptions(targets, publishers, subscribers, size, rate, window, duration, warmup,
          room != null ? room : "bench-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36),
          "http://" + targets.get(0).host() + ":" + httpPort + "/health");
      return pubSub(vertx, options, out);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private int pubSub(Vertx vertx, BenchOptions options, PrintWriter out) throws Exception {
    out.println(String.format(Locale.ROOT,
        "framechat bench: %s %s, room %s, %d publishers, %d subscribers, %d-byte text, rate %s, %d s after %d s warm-up",
        options.transport(), options.servers(), options.room(), options.publishers(), options.subscribers(),
        options.size(), options.rate() == 0 ? "max (window " + options.window() + ")" : options.rate() + " msg/s",
        options.durationSeconds(), options.warmupSeconds()));
    out.flush();
    BenchRun run = new BenchRun(options);
    List<BenchClient> clients = connect(vertx, eventLoops, options, run);
    List<BenchClient> pubs = clients.subList(0, options.publishers());

    long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    run.startPublishing(measureFrom);
    pubs.forEach(BenchClient::startPublishing);
    Progress meter = new Progress(out, run, measureFrom);
    long progress = vertx.setPeriodic(1000, t -> meter.print());
    Future<Void> done = vertx.timer(options.warmupSeconds() + (long) options.durationSeconds(), TimeUnit.SECONDS);
    Future.any(done, run.refused()).await(options.warmupSeconds() + options.durationSeconds() + 60L, TimeUnit.SECONDS);
    run.stopPublishing();
    pubs.forEach(BenchClient::stopPublishing);
    if (run.refused().isComplete()) {
      vertx.cancelTimer(progress);
      run.finish();
      spec.commandLine().getErr().println("framechat bench: the server refuses this rate (" + run.refused().result().encode()
          + "): its flood limits are on. Start it with them lifted, as conf/bench.json does:"
          + " java -jar target/framechat.jar --config conf/bench.json");
      spec.commandLine().getErr().flush();
      Future.join(clients.stream().map(BenchClient::close).toList()).await(10, TimeUnit.SECONDS);
      return EXIT_REFUSED;
    }
    double seconds = (System.nanoTime() - measureFrom) / 1e9;
    drain(vertx, run);
    vertx.cancelTimer(progress);

    run.interval();
    BenchReport report = new BenchReport(options, seconds, run.published(), run.delivered(), run.expected(),
        run.total(), Health.check(vertx, options.healthUrl()), run.errors(), run.lostConnections());
    report.print(out);
    if (run.firstError() != null) {
      out.println("  first error    " + run.firstError().encode());
    }
    if (json != null) {
      Files.writeString(json, report.toJson().encodePrettily());
    }
    boolean clean = report.lost() == 0 && report.errors() == 0 && report.lostConnections() == 0;
    run.finish();
    Future.join(clients.stream().map(BenchClient::close).toList()).await(10, TimeUnit.SECONDS);
    return clean ? 0 : 1;
  }

  /** Connects publishers first, then subscribers, spread over the servers, all joined to the room. */
  private static List<BenchClient> connect(Vertx vertx, int eventLoops, BenchOptions options, BenchRun run)
      throws Exception {
    // with --tls, the load generator decrypts with OpenSSL when it loads, as the server does by default
    NetClient tcp = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000)
        .setSslEngineOptions(Tls.engine("bench", TlsOptions.Engine.AUTO)));
    List<Context> loops = EventLoops.contexts(vertx, eventLoops).await(30, TimeUnit.SECONDS);
    int total = options.members();
    List<BenchClient> clients = new ArrayList<>(total);
    for (int from = 0; from < total; from += CONNECT_PARALLEL) {
      List<Future<BenchClient>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(total, from + CONNECT_PARALLEL); i++) {
        ServerAddress target = options.servers().get(i % options.servers().size());
        int publisher = i < options.publishers() ? i : -1;
        batch.add(target.connect(loops.get(i % loops.size()), tcp).compose(connection -> {
          BenchClient client = new BenchClient(vertx, connection, run, publisher);
          return client.join(options.room()).map(client);
        }));
      }
      for (Future<BenchClient> client : batch) {
        clients.add(client.await(30, TimeUnit.SECONDS));
      }
    }
    return clients;
  }

  /** Waits for the last deliveries: until all expected arrived, or nothing arrived for 3 s. */
  private static void drain(Vertx vertx, BenchRun run) throws Exception {
    long lastCount = -1;
    long lastChange = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (run.delivered() < run.expected() && System.nanoTime() < deadline) {
      long count = run.delivered();
      if (count != lastCount) {
        lastCount = count;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(3)) {
        return;
      }
      vertx.timer(50).await(1, TimeUnit.SECONDS);
    }
  }

  /** Prints one line a second: rates over the last second and its p99. */
  private static final class Progress {
    private final PrintWriter out;
    private final BenchRun run;
    private final long measureFrom;
    private long lastPublished;
    private long lastDelivered;
    /** Seconds measured so far: the progress lines' t. */
    private int measured;

    Progress(PrintWriter out, BenchRun run, long measureFrom) {
      this.out = out;
      this.run = run;
      this.measureFrom = measureFrom;
    }

    void print() {
      long now = System.nanoTime();
      long published = run.published();
      long delivered = run.delivered();
      double p99 = run.interval().getValueAtPercentile(99) / 1000.0;
      if (now < measureFrom) {
        out.println("  warming up");
      } else {
        // one line a second: counted, not read off a clock a timer fires at with jitter (1, 2, 2, 4)
        out.println(String.format(Locale.ROOT, "  t=%-5d published %,11d/s  delivered %,13d/s  p99 %.2f ms",
            ++measured, published - lastPublished, delivered - lastDelivered, p99));
      }
      out.flush();
      lastPublished = published;
      lastDelivered = delivered;
    }
  }
}
