package io.framechat.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.Locale;

/** The figures of a finished run: printed as a table, and as JSON for {@code --json}. */
record BenchReport(BenchOptions options, double seconds, long published, long delivered, long expected,
    Histogram latency, String health, long errors, long lostConnections) {

  long lost() {
    return Math.max(0, expected - delivered);
  }

  double lossPercent() {
    return expected == 0 ? 0 : 100.0 * lost() / expected;
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }

  void print(PrintWriter out) {
    out.println(String.format(Locale.ROOT, "  %-14s %,15d msgs %,13.0f msg/s", "published", published, published / seconds));
    out.println(String.format(Locale.ROOT, "  %-14s %,15d msgs %,13.0f msg/s", "delivered", delivered, delivered / seconds));
    out.println(String.format(Locale.ROOT, "  %-14s %,15d      loss %,d (%.4f%%)", "expected", expected, lost(), lossPercent()));
    out.println(String.format(Locale.ROOT, "  %-14s p50 %.2f   p90 %.2f   p99 %.2f   p99.9 %.2f   max %.2f", "latency ms",
        millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
        millis(latency.getValueAtPercentile(99)), millis(latency.getValueAtPercentile(99.9)),
        millis(latency.getMaxValue())));
    out.println(String.format(Locale.ROOT, "  %-14s %s", "server health", health));
    if (errors > 0 || lostConnections > 0) {
      out.println(String.format(Locale.ROOT, "  %-14s %d error frames, %d connections lost", "problems", errors, lostConnections));
    }
    out.flush();
  }

  JsonObject toJson() {
    JsonArray servers = new JsonArray();
    options.servers().forEach(server -> servers.add(server.host() + ":" + server.port()));
    return new JsonObject()
        .put("transport", options.transport())
        .put("servers", servers)
        .put("room", options.room())
        .put("publishers", options.publishers())
        .put("subscribers", options.subscribers())
        .put("sizeBytes", options.size())
        .put("rate", options.rate())
        .put("window", options.window())
        .put("durationSeconds", options.durationSeconds())
        .put("warmupSeconds", options.warmupSeconds())
        .put("measuredSeconds", seconds)
        .put("published", published)
        .put("publishedPerSecond", published / seconds)
        .put("delivered", delivered)
        .put("deliveredPerSecond", delivered / seconds)
        .put("expected", expected)
        .put("lost", lost())
        .put("lossPercent", lossPercent())
        .put("latencyMs", new JsonObject()
            .put("p50", millis(latency.getValueAtPercentile(50)))
            .put("p90", millis(latency.getValueAtPercentile(90)))
            .put("p99", millis(latency.getValueAtPercentile(99)))
            .put("p99_9", millis(latency.getValueAtPercentile(99.9)))
            .put("max", millis(latency.getMaxValue())))
        .put("health", health)
        .put("errors", errors)
        .put("lostConnections", lostConnections);
  }
}
