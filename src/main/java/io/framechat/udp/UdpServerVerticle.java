package io.framechat.udp;

import io.framechat.config.LiveConfig;
import io.framechat.config.UdpOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.NodeContext;
import io.framechat.net.Drain;
import io.framechat.net.Endpoint;
import io.framechat.net.Gateway;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The UDP listener: one datagram is one body. Sessions are keyed by sender address; the first
 * datagram from an address opens one (a guest in the default room) and is then handled like any
 * other. Sessions expire after {@code udp.sessionIdleSeconds} without a datagram; at most
 * {@code udp.maxSessions} exist at once, and they count against the connection limits.
 */
public final class UdpServerVerticle extends VerticleBase {

  /**
   * Receive buffer per read. It must exceed {@code udp.maxDatagramBytes} to see an oversized datagram
   * whole (a smaller buffer truncates it silently); 64 KiB holds any UDP payload.
   */
  static final int RECEIVE_BUFFER_BYTES = 65_536;
  private static final long EXPIRY_CHECK_MS = 1000;

  private final UdpOptions listener;
  private final NodeContext node;
  private final LiveConfig config;
  private final ChatMetrics metrics;
  private final IntConsumer onListening;
  private final Map<SocketAddress, UdpSession> sessions = new HashMap<>();
  private Gateway gateway;
  private FrameEncoder encoder;
  private DatagramSocket socket;
  private long expiryTimer = -1;
  private boolean stopping;

  public UdpServerVerticle(NodeContext node, IntConsumer onListening) {
    this.node = node;
    this.listener = node.config().get().udp();
    this.config = node.config();
    this.metrics = node.metrics();
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    gateway = new Gateway(vertx, node, metrics.udp());
    // UDP bodies carry no header; the encoder only shapes the frames the UDP session strips again
    encoder = new FrameEncoder(HeaderByteOrder.BIG);
    socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
    socket.handler(this::onPacket);
    expiryTimer = vertx.setPeriodic(EXPIRY_CHECK_MS, t -> expireIdle());
    return gateway.start()
        .compose(v -> socket.listen(listener.port(), listener.host()))
        .onSuccess(s -> onListening.accept(s.localAddress().port()));
  }

  /** Says {@code bye} (shutdown) to every session within {@code server.drainSeconds}, spread out. */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(expiryTimer);
    int drainSeconds = config.get().server().drainSeconds();
    Promise<Void> drained = Promise.promise();
    for (UdpSession session : new ArrayList<>(sessions.values())) {
      Drain.spread(vertx, drainSeconds,
          () -> session.close(bye(CloseReason.SHUTDOWN), CloseReason.SHUTDOWN));
    }
    vertx.setTimer(Math.max(1, drainSeconds * 1000L), t -> drained.complete());
    return (sessions.isEmpty() ? Future.<Void>succeededFuture() : drained.future())
        .eventually(gateway::stop)
        .eventually(socket::close);
  }

  private void onPacket(DatagramPacket packet) {
    SocketAddress sender = packet.sender();
    Buffer data = packet.data();
    metrics.udp().received(data.length());
    int max = config.get().udp().maxDatagramBytes();
    if (data.length() > max) {
      refuse(sender, ErrorCode.DATAGRAM_TOO_LARGE, "datagram of " + data.length() + " bytes is over the limit of " + max);
      return;
    }
    UdpSession session = sessions.get(sender);
    if (session == null) {
      if (stopping) {
        return;
      }
      if (sessions.size() >= config.get().udp().maxSessions() || !gateway.admit(sender.hostAddress())) {
        refuse(sender, ErrorCode.TOO_MANY_CONNECTIONS, "the server or your address has too many sessions: try later");
        return;
      }
      session = new UdpSession(socket, gateway, sender, () -> sessions.remove(sender));
      sessions.put(sender, session);
      gateway.connected(session);
    }
    session.datagram(data);
  }

  private FrameBatch bye(CloseReason reason) {
    return FrameBatch.of(encoder.encode(ServerFrames.bye(reason)));
  }

  /** An error datagram to an address that gets no session for it. */
  private void refuse(SocketAddress to, ErrorCode code, String message) {
    metrics.error(code);
    socket.send(ServerFrames.error(code, message).toBuffer(), to.port(), to.hostAddress());
  }

  private void expireIdle() {
    long cutoff = System.currentTimeMillis() - config.get().udp().sessionIdleSeconds() * 1000L;
    for (Endpoint session : gateway.silentSince(cutoff)) {
      session.close(bye(CloseReason.IDLE), CloseReason.IDLE);
    }
  }
}
