package io.framechat.net;

import io.framechat.bans.BanList;
import io.framechat.bus.HubLoad;
import io.framechat.bus.InboundBatch;
import io.framechat.bus.LocalCodec;
import io.framechat.bus.EndpointRef;
import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A gateway applying the broadcast verticle's ops to endpoints that only record what they get: no sockets. */
class GatewayTest {

  private final Vertx vertx = withCodecs(Vertx.vertx());
  private final ChatMetrics metrics = new ChatMetrics(new SimpleMeterRegistry());
  private final LiveConfig config = new LiveConfig(TestServers.config());
  /** The gateway's event loop: everything a gateway does runs there, so the test runs there too. */
  private final Context context = vertx.getOrCreateContext();
  private final Gateway gateway = onLoop(() -> new Gateway(vertx,
      new NodeContext("test.hub", config, new ConnectionLimits(config), new BanList(), metrics), metrics.tcp()));

  /** What the gateway reports goes nowhere here, but the event bus must know how to carry it. */
  private static Vertx withCodecs(Vertx vertx) {
    LocalCodec.register(vertx.eventBus(), InboundBatch.class);
    return vertx;
  }

  private <T> T onLoop(java.util.function.Supplier<T> work) {
    java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        done.complete(work.get());
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
    try {
      return done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
  private final FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);

  @AfterEach
  void close() {
    vertx.close();
  }

  /** Records every body it is sent, marked as room traffic ({@code room:}) or a reply ({@code to:}). */
  private final class Recorder implements Endpoint {
    final List<String> got = new ArrayList<>();
    final EndpointRef ref = new EndpointRef(Gateway.nextEndpointId(), gateway.address(), "test", "127.0.0.1:1");
    boolean open = true;
    final java.util.concurrent.CompletableFuture<Void> paused = new java.util.concurrent.CompletableFuture<>();
    final java.util.concurrent.CompletableFuture<Void> resumed = new java.util.concurrent.CompletableFuture<>();

    @Override
    public void pauseReading() {
      paused.complete(null);
    }

    @Override
    public void resumeReading() {
      resumed.complete(null);
    }

    @Override
    public EndpointRef ref() {
      return ref;
    }

    @Override
    public String remoteHost() {
      return "127.0.0.1";
    }

    @Override
    public long lastHeardMillis() {
      return 0;
    }

    @Override
    public void releaseSlot() {
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void send(FrameBatch frames) {
      record("to:", frames);
    }

    @Override
    public void sendRoom(FrameBatch frames) {
      record("room:", frames);
    }

    @Override
    public void abort() {
      got.add("abort");
      open = false;
    }

    @Override
    public void close(FrameBatch last, CloseReason reason) {
      record("close " + reason.wireName() + ":", last);
      open = false;
    }

    private void record(String how, FrameBatch frames) {
      for (int i = 0; i < frames.count(); i++) {
        got.add(how + frames.body(i).toString());
      }
    }
  }

  private Recorder connect() {
    return onLoop(() -> {
      Recorder endpoint = new Recorder();
      gateway.connected(endpoint);
      return endpoint;
    });
  }

  private FrameBatch frame(String body) {
    return FrameBatch.of(encoder.encode(Buffer.buffer(body)));
  }

  private void apply(Op... ops) {
    onLoop(() -> {
      gateway.apply(new OpBatch(List.of(ops)));
      return null;
    });
  }

  @Test
  @DisplayName("a room op reaches the members joined before it, as room traffic; a leave takes effect after what came before it")
  void room_ops_follow_membership_in_order() {
    Recorder alice = connect();
    Recorder bob = connect();
    apply(new Op.Joined(alice.id(), "dev"), new Op.ToRoom("dev", frame("first")),
        new Op.Joined(bob.id(), "dev"), new Op.ToRoom("dev", frame("second")),
        new Op.Left(alice.id(), "dev"), new Op.ToRoom("dev", frame("third")));
    assertEquals(List.of("room:first", "room:second"), alice.got);
    assertEquals(List.of("room:second", "room:third"), bob.got);
  }

  @Test
  @DisplayName("an op for one client reaches only it, as a reply; one for a client this gateway does not own is skipped")
  void client_ops_reach_their_endpoint_only() {
    Recorder alice = connect();
    Recorder bob = connect();
    apply(new Op.ToClient(alice.id(), frame("for alice")), new Op.ToClient(987_654_321L, frame("stranger")));
    assertEquals(List.of("to:for alice"), alice.got);
    assertEquals(List.of(), bob.got);
  }

  @Test
  @DisplayName("close sends the last frame and leaves every room; later ops for the closed client are skipped")
  void close_leaves_every_room() {
    Recorder alice = connect();
    Recorder bob = connect();
    apply(new Op.Joined(alice.id(), "a"), new Op.Joined(alice.id(), "b"), new Op.Joined(bob.id(), "a"),
        new Op.Close(alice.id(), frame("bye"), CloseReason.QUIT),
        new Op.ToRoom("a", frame("after")), new Op.ToClient(alice.id(), frame("late")));
    assertEquals(List.of("close quit:bye"), alice.got);
    assertEquals(List.of("room:after"), bob.got);
  }

  @Test
  @DisplayName("past limits.maxPendingRequests not taken by the chat, an endpoint is no longer read; it is read again once the chat caught up")
  void inbound_back_pressure() throws Exception {
    HubLoad load = new HubLoad();
    LiveConfig bounded = new LiveConfig(TestServers.config(TestServers.set("limits", "maxPendingRequests", 4)));
    java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
    Gateway small = onLoop(() -> {
      vertx.eventBus().<InboundBatch>localConsumer("small.hub", batch -> handed.addAndGet(batch.body().items().size()));
      return new Gateway(vertx, new NodeContext("small.hub", bounded, new ConnectionLimits(bounded), new BanList(),
          metrics, load), metrics.tcp());
    });
    Recorder endpoint = onLoop(() -> {
      Recorder recorder = new Recorder();
      small.connected(recorder);
      for (int i = 0; i < 3; i++) {
        small.received(recorder, small.parser().parse("/me waves " + i));
      }
      return recorder;
    });
    assertEquals(false, endpoint.paused.isDone(), "4 waiting: not over the bound");
    onLoop(() -> {
      small.received(endpoint, small.parser().parse("/me one more"));
      return null;
    });
    endpoint.paused.get(10, java.util.concurrent.TimeUnit.SECONDS);
    onLoop(() -> null); // the turn's batch went out
    assertEquals(5, load.pending(), "sent to the chat, not taken");
    assertEquals(false, endpoint.resumed.isDone(), "not read again while the chat is behind");
    load.taken(3); // the chat took 3 of 5: 2 left, half the bound
    endpoint.resumed.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(5, handed.get());
  }
}
