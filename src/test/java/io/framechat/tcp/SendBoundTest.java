package io.framechat.tcp;

import io.framechat.bans.BanList;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.bus.LocalCodec;
import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.ConnectionLimits;
import io.framechat.net.NodeContext;
import io.framechat.net.StreamEndpoint;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.testing.RawSocket;
import io.framechat.testing.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TCP listener's gateway that falls behind gets many batches in one event-loop turn (each an
 * event-bus delivery, all before the turn's flush). A client that does not read must still be cut
 * off near {@code tcp.sendQueueBytes}, not after everything those batches hold was written for it.
 * The broadcast verticle is played by the test: it takes the connection's arrival and sends the
 * batches itself, 40 of 100 KB at once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class SendBoundTest {

  private static final int BOUND = 64 * 1024;
  private static final int BATCH = 100 * 1024;
  private static final Pattern UNSENT = Pattern.compile("cutting off slow consumer .*: (\\d+) bytes unsent");

  private final Logger log = Logger.getLogger(StreamEndpoint.class.getName());
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      lines.add(record.getMessage() != null ? record.getMessage() : "");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @AfterEach
  void stopCapture() {
    log.removeHandler(capture);
  }

  @Test
  @DisplayName("100 batches of 100 KB in one turn to a client that does not read: cut off with at most twice the bound and one batch unsent")
  void many_batches_in_one_turn_stay_within_the_bound(Vertx vertx) throws Exception {
    log.addHandler(capture);
    LocalCodec.register(vertx.eventBus(), InboundBatch.class);
    LocalCodec.register(vertx.eventBus(), OpBatch.class);
    LiveConfig config = new LiveConfig(TestServers.config(new JsonObject()
        .put("tcp", new JsonObject().put("sendQueueBytes", BOUND).put("instances", 1))));
    String hub = "test.hub." + UUID.randomUUID();
    NodeContext node = new NodeContext(hub, config, new ConnectionLimits(config), new BanList(),
        new ChatMetrics(new SimpleMeterRegistry()));
    CompletableFuture<Inbound.Connected> arrived = new CompletableFuture<>();
    vertx.eventBus().<InboundBatch>localConsumer(hub, message -> message.body().items().stream()
        .filter(Inbound.Connected.class::isInstance).findFirst()
        .ifPresent(item -> arrived.complete((Inbound.Connected) item)));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    vertx.deployVerticle(new TcpServerVerticle(node, port::complete)).await(10, TimeUnit.SECONDS);

    RawSocket reader = RawSocket.connect("127.0.0.1", port.get(10, TimeUnit.SECONDS), 4096);
    Inbound.Connected connected = arrived.get(10, TimeUnit.SECONDS);
    FrameBatch big = FrameBatch.of(new FrameEncoder(HeaderByteOrder.BIG).encode(Buffer.buffer("x".repeat(BATCH))));
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < 100; i++) {
        vertx.eventBus().send(connected.ref().gateway(), new OpBatch(List.of(new Op.ToClient(connected.ref().id(), big))),
            local);
      }
    });

    String line = null;
    while (line == null || !line.startsWith("cutting off slow consumer")) {
      line = lines.poll(10, TimeUnit.SECONDS);
      assertNotNull(line, "the client that does not read was not cut off");
    }
    Matcher unsent = UNSENT.matcher(line);
    assertTrue(unsent.find(), line);
    long bytes = Long.parseLong(unsent.group(1));
    assertTrue(bytes <= 2L * BOUND + BATCH, bytes + " bytes unsent when cut off, bound " + BOUND);
    reader.close();
  }
}
