package io.framechat.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay for tests, on 127.0.0.1, in front of a server's TCP port: bytes pass both ways
 * untouched until {@link #cut()} closes every connection through it (both ends), as a network
 * failure would; it keeps accepting new ones.
 */
public final class TcpRelay {

  private final NetServer server;
  private final List<NetSocket> sockets = new ArrayList<>();

  private TcpRelay(NetServer server) {
    this.server = server;
  }

  /** Starts the relay in front of {@code serverPort}. */
  public static TcpRelay start(Vertx vertx, int serverPort) {
    NetClient upstream = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    TcpRelay relay = new TcpRelay(server);
    server.connectHandler(front -> {
      front.pause();
      upstream.connect(serverPort, "127.0.0.1").onSuccess(back -> {
        relay.track(front, back);
        front.handler(back::write);
        back.handler(front::write);
        front.closeHandler(v -> back.close());
        back.closeHandler(v -> front.close());
        front.resume();
      }).onFailure(e -> front.close());
    });
    TestClient.await(server.listen(0, "127.0.0.1"));
    return relay;
  }

  public int port() {
    return server.actualPort();
  }

  /** Closes every connection through the relay; the number closed. */
  public int cut() {
    List<NetSocket> open;
    synchronized (sockets) {
      open = new ArrayList<>(sockets);
      sockets.clear();
    }
    TestClient.await(Future.all(open.stream().map(NetSocket::close).toList()));
    return open.size() / 2;
  }

  private void track(NetSocket front, NetSocket back) {
    synchronized (sockets) {
      sockets.add(front);
      sockets.add(back);
    }
  }
}
