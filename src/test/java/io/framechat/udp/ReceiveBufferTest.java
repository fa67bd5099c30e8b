package io.framechat.udp;

import io.vertx.core.Vertx;
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
  @DisplayName("the socket's receive buffer is set apart from the size of each read, and its kernel drops are read")
  void sets_the_kernel_buffer(Vertx vertx) throws Exception {
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(65_536))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try {
      int small = ReceiveBuffer.set(socket, 65_536);
      int larger = ReceiveBuffer.set(socket, 131_072);
      assertTrue(small > 0, "granted " + small);
      assertTrue(larger > small, "a larger buffer was granted: " + small + " then " + larger);
      assertEquals(0, ReceiveBuffer.drops(socket.localAddress().port()));
    } finally {
      socket.close().await(5, TimeUnit.SECONDS);
    }
  }
}
