package io.framechat.client;

import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

/**
 * Where and how a client connects: transport, host, port and (TCP) header byte order and TLS.
 *
 * @param udp true for UDP, false for framed TCP or WebSocket
 * @param wsPath the WebSocket path on the HTTP port ({@code port}); null for TCP and UDP
 */
public record ServerAddress(boolean udp, String host, int port, HeaderByteOrder byteOrder, ClientTls tls, String wsPath) {

  /** TCP (with TLS or not) or UDP. */
  public ServerAddress(boolean udp, String host, int port, HeaderByteOrder byteOrder, ClientTls tls) {
    this(udp, host, port, byteOrder, tls, null);
  }

  /** Plain TCP or UDP. */
  public ServerAddress(boolean udp, String host, int port, HeaderByteOrder byteOrder) {
    this(udp, host, port, byteOrder, ClientTls.NONE);
  }

  /** This address over WebSocket at {@code path} on the HTTP port {@code httpPort}. */
  public ServerAddress websocket(int httpPort, String path) {
    return new ServerAddress(false, host, httpPort, byteOrder, tls, path);
  }

  /** {@code tcp}, {@code tls}, {@code udp}, {@code ws} or {@code wss}. */
  public String transport() {
    if (udp) {
      return "udp";
    }
    if (wsPath != null) {
      return tls.enabled() ? "wss" : "ws";
    }
    return tls.enabled() ? "tls" : "tcp";
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
      // the bundled clients take several frames to a datagram
      return UdpChatConnection.open(context, host, port, true).map(c -> c);
    }
    if (wsPath != null) {
      return WsChatConnection.connect(context, context.owner().createWebSocketClient(), host, port, wsPath, tls).map(c -> c);
    }
    return TcpChatConnection.connect(context, tcpClient, host, port, byteOrder, tls).map(c -> c);
  }

  @Override
  public String toString() {
    return transport() + "://" + host + ":" + port + (wsPath != null ? wsPath : "");
  }
}
