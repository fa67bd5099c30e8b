package io.framechat.net;

import io.framechat.bans.BanList;
import io.framechat.bus.InboundBatch;
import io.framechat.bus.LocalCodec;
import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-of-turn flush of stream endpoints through a real gateway, over channels the test plays
 * (no sockets): a channel that closes between a hold and the flush, and one whose flush fails.
 */
class StreamEndpointTest {

  private final Vertx vertx = Vertx.vertx();
  private final ChatMetrics metrics = new ChatMetrics(new SimpleMeterRegistry());
  private final LiveConfig config = new LiveConfig(TestServers.config());
  private final Context context = vertx.getOrCreateContext();
  private final FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);
  private final Gateway gateway;

  StreamEndpointTest() {
    LocalCodec.register(vertx.eventBus(), InboundBatch.class);
    gateway = onLoop(() -> new Gateway(vertx,
        new NodeContext("test.hub", config, new ConnectionLimits(config), new BanList(), metrics), metrics.tcp()));
  }

  @AfterEach
  void close() {
    vertx.close();
  }

  /** A channel the test plays: open or closed, failing or not; it records what is written and flushed. */
  private final class Played extends StreamEndpoint {
    final List<String> written = new ArrayList<>();
    int flushes;
    boolean closed;
    boolean failing;
    boolean aborted;

    Played() {
      super(gateway, "tcp", null, io.vertx.core.net.SocketAddress.inetSocketAddress(1, "192.0.2.1"), null, encoder);
    }

    @Override
    protected boolean writable() {
      return !closed;
    }

    @Override
    protected boolean channelClosed() {
      return closed;
    }

    @Override
    protected long unsent() {
      return 0;
    }

    @Override
    protected long write(FrameBatch frames) {
      for (int i = 0; i < frames.count(); i++) {
        written.add(frames.body(i).toString());
      }
      return frames.buffer().length();
    }

    @Override
    protected void flushWrites() {
      if (failing) {
        throw new IllegalStateException("the channel failed");
      }
      flushes++;
    }

    @Override
    public void close(FrameBatch last, CloseReason reason) {
      closing = true;
      written.add("close " + reason.wireName());
    }

    @Override
    public void abort() {
      closing = true;
      aborted = true;
    }
  }

  private <T> T onLoop(Supplier<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        done.complete(work.get());
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Runs {@code work} on the loop, then waits for the turn's flush (a task behind it) to have run. */
  private void turn(Runnable work) {
    onLoop(() -> {
      work.run();
      return null;
    });
    onLoop(() -> null);
  }

  private Played connect() {
    return onLoop(() -> {
      Played endpoint = new Played();
      gateway.connected(endpoint);
      return endpoint;
    });
  }

  private OpBatch to(Played endpoint, String body) {
    return new OpBatch(List.of(new Op.ToClient(endpoint.id(), FrameBatch.of(encoder.encode(Buffer.buffer(body))))));
  }

  @Test
  @DisplayName("a channel closed between a hold and the turn's flush is closed, not slow: nothing written, no slow_consumer")
  void closed_between_hold_and_flush() {
    Played alice = connect();
    turn(() -> {
      gateway.apply(to(alice, "held"));
      alice.closed = true;
    });
    assertEquals(List.of(), alice.written);
    assertEquals(0, metrics.registry().get("framechat.errors").tag("code", ErrorCode.SLOW_CONSUMER.wireName())
        .counter().count());
    assertFalse(alice.aborted);
  }

  @Test
  @DisplayName("a flush that throws closes that endpoint only: the others of the turn are flushed, and flush again the next turn")
  void a_failing_flush_is_isolated() {
    Played failing = connect();
    Played alice = connect();
    Played bob = connect();
    failing.failing = true;
    turn(() -> {
      gateway.apply(to(failing, "one"));
      gateway.apply(to(alice, "one"));
      gateway.apply(to(bob, "one"));
    });
    assertTrue(failing.aborted);
    assertEquals(1, alice.flushes);
    assertEquals(1, bob.flushes);
    turn(() -> gateway.apply(to(alice, "two")));
    assertEquals(List.of("one", "two"), alice.written);
    assertEquals(2, alice.flushes);
    assertEquals(2, onLoop(gateway::size), "the failed endpoint is forgotten");
  }
}
