package io.framechat.udp;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The UDP writer over real datagram sockets on 127.0.0.1. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class UdpWriterTest {

  private static final FrameEncoder ENCODER = new FrameEncoder(HeaderByteOrder.BIG);

  private static FrameBatch batch(String... bodies) {
    FrameBatch.Builder builder = new FrameBatch.Builder(ENCODER, 16);
    for (String body : bodies) {
      builder.add(Buffer.buffer(body));
    }
    return builder.build();
  }

  private record Receiver(DatagramSocket socket, BlockingQueue<String> got) {
    static Receiver open(Vertx vertx) {
      BlockingQueue<String> got = new LinkedBlockingQueue<>();
      DatagramSocket socket = vertx.createDatagramSocket();
      socket.handler(packet -> got.add(packet.data().toString()));
      return new Receiver(socket.listen(0, "127.0.0.1").await(), got);
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", socket.localAddress().port());
    }

    String next() throws InterruptedException {
      String body = got.poll(10, TimeUnit.SECONDS);
      assertFalse(body == null, "a datagram within 10 s");
      return body;
    }
  }

  /** Runs {@code work} on {@code context} (the writer's event loop) and gives back what it returned. */
  private static <T> T on(Context context, Supplier<T> work) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        done.complete(work.get());
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    return done.get(10, TimeUnit.SECONDS);
  }

  /** The listener's socket: made on {@code context}, as the UDP verticle makes it on its own. */
  private static DatagramSocket bound(Vertx vertx, Context context) throws Exception {
    DatagramSocket socket = on(context, vertx::createDatagramSocket);
    return socket.listen(0, "127.0.0.1").await();
  }

  @Test
  @DisplayName("each body of a batch goes to each address as one datagram, in order; a later batch after it")
  void bodies_as_datagrams(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicInteger drops = new AtomicInteger();
    DatagramSocket socket = bound(vertx, context);
    UdpWriter writer = new UdpWriter(socket, context, 65_536, 1200, 0, drops::incrementAndGet);
    Receiver first = Receiver.open(vertx);
    Receiver second = Receiver.open(vertx);
    FrameBatch one = batch("alpha", "beta", "gamma");
    long queued = on(context, () -> writer.send(one, first.address(), false) + writer.send(one, second.address(), false)
        + writer.send(batch("delta"), first.address(), false));
    assertEquals(2 * 14 + 5, queued, "the bodies' bytes, without headers");
    for (String expected : List.of("alpha", "beta", "gamma", "delta")) {
      assertEquals(expected, first.next());
    }
    for (String expected : List.of("alpha", "beta", "gamma")) {
      assertEquals(expected, second.next());
    }
    assertEquals(0, drops.get());
  }

  @Test
  @DisplayName("packed: the bodies of a batch share datagrams of at most packBytes, a newline between each")
  void packed_datagrams(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicInteger drops = new AtomicInteger();
    UdpWriter writer = new UdpWriter(bound(vertx, context), context, 65_536, 512, 0, drops::incrementAndGet);
    Receiver packed = Receiver.open(vertx);
    Receiver single = Receiver.open(vertx);
    String long1 = "a".repeat(300);
    String long2 = "b".repeat(300);
    FrameBatch frames = batch("alpha", "beta", long1, long2, "gamma");
    long queued = on(context, () -> writer.send(frames, packed.address(), true)
        + writer.send(frames, single.address(), false));
    assertEquals("alpha\nbeta\n" + long1, packed.next());
    assertEquals(long2 + "\ngamma", packed.next());
    for (String expected : List.of("alpha", "beta", long1, long2, "gamma")) {
      assertEquals(expected, single.next());
    }
    assertEquals(2 * (5 + 4 + 300 + 300 + 5) + 3, queued, "the packed datagrams add their 3 newlines");
    assertEquals(0, drops.get());
  }

  @Test
  @DisplayName("a datagram for a closed socket is dropped and counted, not thrown")
  void closed_socket_drops(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicInteger drops = new AtomicInteger();
    DatagramSocket socket = bound(vertx, context);
    UdpWriter writer = new UdpWriter(socket, context, 65_536, 1200, 0, drops::incrementAndGet);
    Receiver receiver = Receiver.open(vertx);
    socket.close().await();
    assertEquals(0L, on(context, () -> writer.send(batch("lost", "too"), receiver.address(), false)));
    assertEquals(2, drops.get());
  }
}
