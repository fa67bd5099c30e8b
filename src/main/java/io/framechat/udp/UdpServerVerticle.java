package io.framechat.udp;

import io.framechat.config.UdpOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.Endpoint;
import io.framechat.net.Gateway;
import io.framechat.protocol.CommandParser;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The UDP listener: one datagram is one body. Sessions are keyed by sender address; the first
 * datagram from an address opens one (a guest in the default room) and is then handled like any
 * other. Sessions expire after {@code udp.sessionIdleSeconds} without a datagram.
 */
public final class UdpServerVerticle extends VerticleBase {

  /**
   * Receive buffer per read. It must exceed {@code udp.maxDatagramBytes} to see an oversized datagram
   * whole (a smaller buffer truncates it silently); 64 KiB holds any UDP payload.
   */
  static final int RECEIVE_BUFFER_BYTES = 65_536;

  private final UdpOptions options;
  private final ChatMetrics metrics;
  private final IntConsumer onListening;
  private final Map<SocketAddress, UdpSession> sessions = new HashMap<>();
  private Gateway gateway;
  private CommandParser parser;
  private FrameEncoder encoder;
  private DatagramSocket socket;
  private long expiryTimer = -1;

  public UdpServerVerticle(UdpOptions options, ChatMetrics metrics, IntConsumer onListening) {
    this.options = options;
    this.metrics = metrics;
    this.onListening = onListening;
  }

  @Override
  public Future<?> start() {
    gateway = new Gateway(vertx, metrics, metrics.udp());
    parser = new CommandParser();
    // UDP bodies carry no header; the encoder only shapes the frames the UDP session strips again
    encoder = new FrameEncoder(HeaderByteOrder.BIG);
    socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(RECEIVE_BUFFER_BYTES));
    socket.handler(this::onPacket);
    long period = Math.max(100, Math.min(5000, options.getSessionIdleSeconds() * 1000L / 4));
    expiryTimer = vertx.setPeriodic(period, t -> expireIdle());
    return gateway.start()
        .compose(v -> socket.listen(options.getPort(), options.getHost()))
        .onSuccess(s -> onListening.accept(s.localAddress().port()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(expiryTimer);
    closeAll("shutdown");
    return gateway.stop().eventually(socket::close);
  }

  /** Number of open sessions. */
  int sessionCount() {
    return sessions.size();
  }

  private void onPacket(DatagramPacket packet) {
    SocketAddress sender = packet.sender();
    Buffer data = packet.data();
    metrics.udp().received(data.length());
    if (data.length() > options.getMaxDatagramBytes()) {
      metrics.error(ErrorCode.DATAGRAM_TOO_LARGE);
      JsonObject error = ServerFrames.error(ErrorCode.DATAGRAM_TOO_LARGE, "datagram of " + data.length()
          + " bytes is over the limit of " + options.getMaxDatagramBytes());
      socket.send(error.toBuffer(), sender.port(), sender.hostAddress());
      return;
    }
    UdpSession session = sessions.get(sender);
    if (session == null) {
      session = new UdpSession(socket, gateway, sender, () -> sessions.remove(sender));
      sessions.put(sender, session);
      gateway.connected(session);
    }
    session.received();
    gateway.received(session, parser.parse(data));
  }

  private void expireIdle() {
    long cutoff = System.currentTimeMillis() - options.getSessionIdleSeconds() * 1000L;
    for (Endpoint session : gateway.silentSince(cutoff)) {
      session.close(bye("idle"), "idle");
    }
  }

  private void closeAll(String reason) {
    for (UdpSession session : new ArrayList<>(sessions.values())) {
      session.close(bye(reason), reason);
    }
  }

  private FrameBatch bye(String reason) {
    return FrameBatch.of(encoder.encode(ServerFrames.bye(reason)));
  }
}
