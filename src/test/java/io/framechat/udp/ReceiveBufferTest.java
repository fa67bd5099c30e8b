package io.framechat.udp;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ReceiveBufferTest {

  @Test
  @DisplayName("a socket with a kernel buffer of 1 MiB still reads a datagram of 60,000 bytes whole, 16 datagrams a wakeup; the kernel's cap and drops are read")
  void large_buffer_whole_datagrams(Vertx vertx) throws Exception {
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    DatagramSocket sender = vertx.createDatagramSocket();
    try {
      Promise<Integer> received = Promise.promise();
      socket.handler(packet -> received.tryComplete(packet.data().length()));
      sender.send(Buffer.buffer(new byte[60_000]), socket.localAddress().port(), "127.0.0.1").await(5, TimeUnit.SECONDS);
      assertEquals(60_000, received.future().await(5, TimeUnit.SECONDS));
      // Vert.x sets every datagram channel to one datagram a wakeup; this one keeps reading up to 16
      assertEquals(16, ((io.netty.channel.MaxMessagesRecvByteBufAllocator) UdpWriter.channel(socket).config()
          .getRecvByteBufAllocator()).maxMessagesPerRead());
      // asked far more, the kernel grants its cap (reported as is, or doubled for its bookkeeping)
      try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
        probe.setOption(java.net.StandardSocketOptions.SO_RCVBUF, Integer.MAX_VALUE / 4);
        long granted = probe.getOption(java.net.StandardSocketOptions.SO_RCVBUF);
        long cap = ReceiveBuffer.kernelCap().orElseThrow();
        assertTrue(granted == cap || granted == 2 * cap, "net.core.rmem_max " + cap + ", granted " + granted);
      }
      assertEquals(0, ReceiveBuffer.drops(socket.localAddress().port()));
    } finally {
      socket.close().await(5, TimeUnit.SECONDS);
      sender.close().await(5, TimeUnit.SECONDS);
    }
  }
}
