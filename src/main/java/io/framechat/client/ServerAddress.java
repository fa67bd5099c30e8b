package io.framechat.client;

import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

/**
 * Where and how a client connects: transport, host, port and (TCP) header byte order and TLS.
 *
 * @param udp true for UDP, false for framed TCP
 */
public record ServerAddress(boolean udp, String host, int port, HeaderByteOrder byteOrder, ClientTls tls) {

  /** Plain TCP or UDP. */
  public ServerAddress(boolean udp, String host, int port, HeaderByteOrder byteOrder) {
    this(udp, host, port, byteOrder, ClientTls.NONE);
  }

  /** Parses {@code host:port}. */
  public static ServerAddress parse(String hostPort, boolean udp, HeaderByteOrder byteOrder, ClientTls tls) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got \"" + hostPort + "\"");
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected HOST:PORT, got \"" + hostPort + "\"");
    }
    return new ServerAddress(udp, hostPort.substring(0, colon), port, byteOrder, udp ? ClientTls.NONE : tls);
  }

  /** Opens a connection; {@code tcpClient} may be shared by many TCP connections (it is unused for UDP). */
  public Future<ChatConnection> connect(Vertx vertx, NetClient tcpClient) {
    return connect(vertx.getOrCreateContext(), tcpClient);
  }

  /** Opens a connection whose handlers run on {@code context}. */
  public Future<ChatConnection> connect(Context context, NetClient tcpClient) {
    if (udp) {
      return UdpChatConnection.open(context, host, port).map(c -> c);
    }
    return TcpChatConnection.connect(context, tcpClient, host, port, byteOrder, tls).map(c -> c);
  }

  @Override
  public String toString() {
    return (udp ? "udp" : tls.enabled() ? "tls" : "tcp") + "://" + host + ":" + port;
  }
}
