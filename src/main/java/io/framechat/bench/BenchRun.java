package io.framechat.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one bench run, shared by all its connections (thread-safe). Only messages sent
 * after the warm-up count, as published and as delivered.
 */
final class BenchRun {

  /** Latencies are recorded in microseconds, up to a minute. */
  static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);

  private final BenchOptions options;
  private final LongAdder published = new LongAdder();
  private final List<BenchClient.Counters> receivers = new CopyOnWriteArrayList<>();
  private final LongAdder lostConnections = new LongAdder();
  private final AtomicLong errors = new AtomicLong();
  private final Histogram total = new Histogram(MAX_LATENCY_MICROS, 3);
  private volatile long measureFromNanos = Long.MAX_VALUE;
  private volatile boolean publishing;
  private volatile boolean finished;
  private volatile JsonObject firstError;
  /** Completes with the first frame by which the server refused our rate ({@code rate_limited}, {@code bye} flooding). */
  private final Promise<JsonObject> refused = Promise.promise();

  BenchRun(BenchOptions options) {
    this.options = options;
  }

  BenchOptions options() {
    return options;
  }

  void startPublishing(long measureFromNanos) {
    this.measureFromNanos = measureFromNanos;
    publishing = true;
  }

  void stopPublishing() {
    publishing = false;
  }

  boolean publishing() {
    return publishing;
  }

  void published(long sendNanos) {
    if (sendNanos >= measureFromNanos) {
      published.increment();
    }
  }

  /** Counters for one more receiving connection (written by its event loop only). */
  BenchClient.Counters receiver() {
    BenchClient.Counters counters = new BenchClient.Counters(new Recorder(MAX_LATENCY_MICROS, 3));
    receivers.add(counters);
    return counters;
  }

  long measureFromNanos() {
    return measureFromNanos;
  }

  /** The run is over: connections closing from now on are not losses. */
  void finish() {
    finished = true;
  }

  void lost() {
    if (!finished) {
      lostConnections.increment();
    }
  }

  void error(JsonObject frame) {
    if (errors.getAndIncrement() == 0) {
      firstError = frame;
    }
    if ("rate_limited".equals(frame.getString("code"))) {
      refused.tryComplete(frame);
    }
  }

  /** The server said {@code bye} to a connection. */
  void bye(JsonObject frame) {
    if ("flooding".equals(frame.getString("reason"))) {
      refused.tryComplete(frame);
    }
  }

  /** Completes when the server refuses the rate the bench sends at: its flood limits are on. */
  Future<JsonObject> refused() {
    return refused.future();
  }

  long published() {
    return published.sum();
  }

  long delivered() {
    long sum = 0;
    for (BenchClient.Counters counters : receivers) {
      sum += counters.delivered();
    }
    return sum;
  }

  long expected() {
    return published() * options.members();
  }

  long lostConnections() {
    return lostConnections.sum();
  }

  long errors() {
    return errors.get();
  }

  JsonObject firstError() {
    return firstError;
  }

  /** The latencies recorded since the last call, also added to the run's total. */
  synchronized Histogram interval() {
    Histogram interval = new Histogram(MAX_LATENCY_MICROS, 3);
    for (BenchClient.Counters counters : receivers) {
      interval.add(counters.latency().getIntervalHistogram());
    }
    total.add(interval);
    return interval;
  }

  /** All latencies of the run (call {@link #interval()} once more first to include the latest). */
  synchronized Histogram total() {
    return total.copy();
  }
}
