package io.framechat.server;

import io.framechat.metrics.ChatMetrics;
import io.framechat.net.AcceptGuard;
import io.framechat.net.ConnectionLimits;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The listeners of one server whose sockets count against the connection limits from the moment
 * they are accepted ({@link AcceptGuard}), each with what it tells a socket it refuses: the chat's
 * {@code too_many_connections} error frame over plaintext TCP, a 503 over plaintext HTTP, nothing
 * over TLS (nothing can be said before a handshake, and none is made for a refused socket). The
 * management port may go past the total into half of {@code limits.reservedFiles}, the files kept for
 * probes and scrapes, so that {@code /health} answers when clients hold every place.
 */
final class ListenerGuards {

  private static final byte[] HTTP_REFUSAL = """
      HTTP/1.1 503 Service Unavailable\r
      Content-Length: 0\r
      Connection: close\r
      \r
      """.getBytes(StandardCharsets.ISO_8859_1);

  private record Guarded(int port, AcceptGuard.Listener listener) {
  }

  private final ConnectionLimits limits;
  private final ChatMetrics metrics;
  private final int managementHeadroom;
  private final List<Guarded> guarded = new ArrayList<>();

  ListenerGuards(ConnectionLimits limits, ChatMetrics metrics, int reservedFiles) {
    this.limits = limits;
    this.metrics = metrics;
    this.managementHeadroom = reservedFiles / 2;
  }

  /** Guards the chat's TCP listener; a plaintext one is told in the chat's own frame. */
  void tcp(int port, boolean tls, FrameEncoder encoder) {
    byte[] refusal = tls ? null : encoder.encode(ServerFrames.error(ErrorCode.TOO_MANY_CONNECTIONS,
        "the server or your address has too many connections: try later")).getBytes();
    guard("tcp", port, 0, refusal);
  }

  /** Guards the main HTTP listener. */
  void http(int port, boolean tls) {
    guard("http", port, 0, tls ? null : HTTP_REFUSAL);
  }

  /** Guards the management port. */
  void management(int port, boolean tls) {
    guard("management", port, managementHeadroom, tls ? null : HTTP_REFUSAL);
  }

  private void guard(String name, int port, int headroom, byte[] refusal) {
    AcceptGuard.Listener listener = new AcceptGuard.Listener(name, limits, headroom, refusal, (which, why) -> {
      metrics.connectionRefused(which, why);
      if (which.equals("tcp") && refusal != null) {
        metrics.error(ErrorCode.TOO_MANY_CONNECTIONS);
      }
    });
    AcceptGuard.guard(port, listener);
    guarded.add(new Guarded(port, listener));
  }

  /** The listeners are closing: their ports are not guarded any more. */
  void release() {
    guarded.forEach(g -> AcceptGuard.unguard(g.port(), g.listener()));
    guarded.clear();
  }
}
