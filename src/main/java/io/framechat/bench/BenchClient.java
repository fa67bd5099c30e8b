package io.framechat.bench;

import io.framechat.client.ChatConnection;
import io.framechat.client.TcpChatConnection;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonObject;

import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One bench connection: a subscriber, or a publisher (which is also a member and receives its own
 * messages back). Runs on its own event loop; counts what it receives into the shared {@link BenchRun}.
 */
final class BenchClient {

  private final Vertx vertx;
  private final ChatConnection connection;
  private final BenchRun run;
  /** Index of this publisher, or -1 for a subscriber. */
  private final int publisher;
  private final BenchText.Parsed parsed = new BenchText.Parsed();
  private final Counters counters;
  private final Context context;
  private Promise<Void> joined;
  private long seq;
  private long inFlight;
  private long timer = -1;
  /** Messages "due" at the random starting phase, which are not sent. */
  private long firstDue = -1;

  BenchClient(Vertx vertx, ChatConnection connection, BenchRun run, int publisher) {
    this.vertx = vertx;
    this.connection = connection;
    this.run = run;
    this.publisher = publisher;
    this.context = connection.context();
    this.counters = run.receiver();
  }

  /**
   * What one connection received: a count and a latency recorder of its own, written only by its
   * event loop, so that deliveries cost no shared atomic. The run sums them.
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // delivered is written on the client's event loop only
  static final class Counters {
    private final Recorder latency;
    private volatile long delivered;

    Counters(Recorder latency) {
      this.latency = latency;
    }

    long delivered() {
      return delivered;
    }

    Recorder latency() {
      return latency;
    }

    void record(long sendNanos, long nowNanos) {
      delivered++;
      latency.recordValue(Math.min(BenchRun.MAX_LATENCY_MICROS, Math.max(0, (nowNanos - sendNanos) / 1000)));
    }
  }

  /**
   * Receives the bytes of a TCP connection as Netty reads them, instead of decoded frames, with no
   * copy: the scanner finds the frames in Netty's buffers, each released once scanned. Starts reading.
   */
  private static void readRaw(TcpChatConnection tcp, FrameScanner scanner) {
    ((NetSocketInternal) tcp.socket()).messageHandler(message -> {
      if (message instanceof ByteBuf bytes) {
        try {
          scanner.handle(bytes);
        } finally {
          bytes.release();
        }
      } else {
        ReferenceCountUtil.release(message);
      }
    });
    tcp.socket().resume();
  }

  /** Joins the bench room; completes on the joined reply. */
  Future<Void> join(String room) {
    joined = Promise.promise();
    FrameScanner scanner = new FrameScanner(run.options().servers().get(0).byteOrder(), this::onFrame);
    if (connection instanceof TcpChatConnection tcp) {
      tcp.context().runOnContext(v -> readRaw(tcp, scanner));
    } else {
      connection.bodyHandler(body -> {
        ByteBuf buf = ((BufferInternal) body).getByteBuf();
        onFrame(buf, buf.readerIndex(), buf.readableBytes());
      });
    }
    connection.closeHandler(v -> run.lost());
    connection.send(new JsonObject().put("type", "join").put("room", room));
    return joined.future();
  }

  private void onFrame(ByteBuf chunk, int start, int length) {
    if (BenchText.parse(chunk, start, length, parsed)) {
      if (parsed.sendNanos >= run.measureFromNanos()) {
        counters.record(parsed.sendNanos, System.nanoTime());
      }
      if (parsed.publisher == publisher) {
        inFlight--;
        if (run.options().rate() == 0) {
          pump();
        }
      }
      return;
    }
    JsonObject frame = new JsonObject(chunk.toString(start, length, StandardCharsets.UTF_8));
    String type = frame.getString("type");
    if ("ping".equals(type)) {
      connection.pong(frame);
    } else if ("joined".equals(type)) {
      joined.tryComplete();
    } else if ("error".equals(type)) {
      joined.tryFail(frame.encode());
      run.error(frame);
    } else if ("bye".equals(type)) {
      run.bye(frame);
    }
  }

  /** Starts publishing on this connection's event loop (publishers only). */
  void startPublishing() {
    context.runOnContext(v -> {
      if (run.options().rate() == 0) {
        pump();
      } else {
        double perSecond = (double) run.options().rate() / run.options().publishers();
        long period = Math.max(1, Math.min(100, (long) (1000 / perSecond)));
        // each publisher starts at a random point of its own interval, so they do not fire in step
        long phase = (long) (ThreadLocalRandom.current().nextDouble() * 1e9 / perSecond);
        long start = System.nanoTime() - phase;
        firstDue = (long) (phase / 1e9 * perSecond);
        timer = vertx.setPeriodic(period, t -> paced(start, perSecond));
      }
    });
  }

  void stopPublishing() {
    context.runOnContext(v -> vertx.cancelTimer(timer));
  }

  /** Keeps the window full: as many sends as unanswered messages allow. */
  private void pump() {
    while (run.publishing() && inFlight < run.options().window()) {
      send();
    }
  }

  /** Sends what is due at {@code perSecond} since {@code start}. */
  private void paced(long start, double perSecond) {
    if (!run.publishing()) {
      return;
    }
    long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond) - firstDue;
    while (seq < due) {
      send();
    }
  }

  private void send() {
    long now = System.nanoTime();
    String text = BenchText.make(publisher, seq++, now, run.options().size());
    inFlight++;
    run.published(now);
    connection.send("{\"type\":\"say\",\"text\":\"" + text + "\"}");
  }

  Future<Void> close() {
    return connection.close().otherwiseEmpty();
  }
}
