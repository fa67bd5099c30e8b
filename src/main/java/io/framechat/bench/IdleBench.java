package io.framechat.bench;

import io.framechat.client.ChatConnection;
import io.framechat.client.EventLoops;
import io.framechat.client.ServerAddress;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** {@code bench --idle N}: holds N idle TCP connections and reports the server's memory per connection. */
final class IdleBench {

  private final Vertx vertx;
  private final int eventLoops;
  private final List<ServerAddress> targets;
  private final int connections;
  private final int holdSeconds;
  private final Long serverPid;
  private final Path json;

  IdleBench(Vertx vertx, int eventLoops, List<ServerAddress> targets, int connections, int holdSeconds, Long serverPid, Path json) {
    this.vertx = vertx;
    this.eventLoops = eventLoops;
    this.targets = targets;
    this.connections = connections;
    this.holdSeconds = holdSeconds;
    this.serverPid = serverPid;
    this.json = json;
  }

  int run(PrintWriter out) throws Exception {
    out.println(String.format(Locale.ROOT, "framechat bench --idle: %,d idle connections to %s", connections, targets));
    long before = rss();
    out.println(String.format(Locale.ROOT, "  %-20s %s", "server RSS before", mib(before)));
    out.flush();
    NetClient tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30_000));
    List<Context> loops = EventLoops.contexts(vertx, eventLoops).await(30, TimeUnit.SECONDS);
    long start = System.nanoTime();
    List<ChatConnection> open = new ArrayList<>(connections);
    for (int from = 0; from < connections; from += BenchCommand.CONNECT_PARALLEL) {
      List<Future<ChatConnection>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(connections, from + BenchCommand.CONNECT_PARALLEL); i++) {
        batch.add(targets.get(i % targets.size()).connect(loops.get(i % loops.size()), tcp)
            .map(connection -> connection.bodyHandler(body -> { })));
      }
      for (Future<ChatConnection> connection : batch) {
        open.add(connection.await(60, TimeUnit.SECONDS));
      }
    }
    double connectSeconds = (System.nanoTime() - start) / 1e9;
    out.println(String.format(Locale.ROOT, "  %-20s %,d in %.1f s", "connected", open.size(), connectSeconds));
    out.flush();
    if (holdSeconds > 0) {
      vertx.timer(holdSeconds, TimeUnit.SECONDS).await(holdSeconds + 30L, TimeUnit.SECONDS);
    }
    long after = rss();
    long perConnection = before > 0 && after > 0 ? (after - before) / connections : -1;
    out.println(String.format(Locale.ROOT, "  %-20s %s (%s)", "server RSS after", mib(after),
        perConnection >= 0 ? String.format(Locale.ROOT, "+%s, %,d bytes per connection", mib(after - before), perConnection)
            : "give --server-pid to measure"));
    out.flush();
    if (json != null) {
      Files.writeString(json, new JsonObject()
          .put("connections", open.size())
          .put("connectSeconds", connectSeconds)
          .put("serverRssBeforeBytes", before)
          .put("serverRssAfterBytes", after)
          .put("bytesPerConnection", perConnection)
          .encodePrettily());
    }
    Future.join(open.stream().map(ChatConnection::close).toList()).await(60, TimeUnit.SECONDS);
    return 0;
  }

  private long rss() {
    return serverPid != null ? ProcessMemory.rssBytes(serverPid) : -1;
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
