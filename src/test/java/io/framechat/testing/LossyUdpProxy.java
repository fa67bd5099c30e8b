package io.framechat.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay for tests, on 127.0.0.1, that loses datagrams: every {@code dropEvery}-th datagram in
 * each direction (client to server, server to clients) is dropped. Each client gets its own
 * upstream socket, so the server sees one address per client, as without the relay.
 */
public final class LossyUdpProxy {

  private final Vertx vertx;
  private final int serverPort;
  private final int dropEvery;
  private final DatagramSocket front;
  private final Map<SocketAddress, Future<DatagramSocket>> upstreams = new HashMap<>();
  private final AtomicLong toServer = new AtomicLong();
  private final AtomicLong toClients = new AtomicLong();
  private final AtomicLong droppedToServer = new AtomicLong();
  private final AtomicLong droppedToClients = new AtomicLong();

  private LossyUdpProxy(Vertx vertx, int serverPort, int dropEvery, DatagramSocket front) {
    this.vertx = vertx;
    this.serverPort = serverPort;
    this.dropEvery = dropEvery;
    this.front = front;
  }

  /** Starts the relay in front of the server's UDP port. */
  public static LossyUdpProxy start(Vertx vertx, int serverPort, int dropEvery) {
    return TestClient.await(socket(vertx).map(front -> {
          LossyUdpProxy proxy = new LossyUdpProxy(vertx, serverPort, dropEvery, front);
          front.handler(packet -> proxy.fromClient(packet.sender(), packet.data()));
          return proxy;
        }));
  }

  private static Future<DatagramSocket> socket(Vertx vertx) {
    return vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20))
        .listen(0, "127.0.0.1");
  }

  /** The port clients send to. */
  public int port() {
    return front.localAddress().port();
  }

  public long droppedToServer() {
    return droppedToServer.get();
  }

  public long droppedToClients() {
    return droppedToClients.get();
  }

  private void fromClient(SocketAddress client, Buffer data) {
    Future<DatagramSocket> upstream = upstreams.computeIfAbsent(client, c -> socket(vertx).onSuccess(socket ->
        socket.handler(packet -> {
          if (toClients.incrementAndGet() % dropEvery == 0) {
            droppedToClients.incrementAndGet();
          } else {
            front.send(packet.data(), c.port(), c.host());
          }
        })));
    upstream.onSuccess(socket -> {
      if (toServer.incrementAndGet() % dropEvery == 0) {
        droppedToServer.incrementAndGet();
      } else {
        socket.send(data, serverPort, "127.0.0.1");
      }
    });
  }
}
