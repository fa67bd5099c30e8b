package io.framechat.udp;

import io.framechat.config.AuthOptions;
import io.framechat.config.LiveConfig;
import io.framechat.config.UdpOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.Admission;
import io.framechat.net.Endpoint;
import io.framechat.net.Gateway;
import io.framechat.net.NodeContext;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.CommandParser;
import io.framechat.protocol.Datagram;
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

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * The UDP listener: one datagram is one body. Sessions are keyed by sender address. A new address
 * first proves it receives at that address ({@link AddressCheck}, unless trusted), then its next
 * datagram opens a session (a guest in the default room) and is handled like any other. Sessions
 * expire after {@code udp.sessionIdleSeconds} without a datagram; at most {@code udp.maxSessions}
 * exist at once, and they count against the connection limits. With authentication on, each
 * session has an id that its datagrams must carry. An address cut off for flooding gets no new
 * session for {@code udp.floodPenaltySeconds}.
 */
public final class UdpServerVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(UdpServerVerticle.class.getName());
  /**
   * Bytes each read takes. It must exceed {@code udp.maxDatagramBytes} to see an oversized datagram
   * whole (a smaller buffer truncates it silently); 64 KiB holds any UDP payload.
   */
  static final int READ_BYTES = 65_536;
  private static final long EXPIRY_CHECK_MS = 1000;

  private final NodeContext node;
  private final UdpOptions listener;
  private final LiveConfig config;
  private final ChatMetrics metrics;
  private final IntConsumer onListening;
  private final Map<SocketAddress, UdpSession> sessions = new HashMap<>();
  private final AddressCheck addresses = new AddressCheck();
  private final Penalties penalties = new Penalties();
  private final CommandParser parser = new CommandParser();
  private final SecureRandom random = new SecureRandom();
  private Gateway gateway;
  private FrameEncoder encoder;
  private DatagramSocket socket;
  private UdpWriter writer;
  private long expiryTimer = -1;
  private boolean stopping;
  /** Completed when the last session ended after {@link #stop()} began. */
  private Promise<Void> ended;
  private volatile Thread eventLoop;

  public UdpServerVerticle(NodeContext node, IntConsumer onListening) {
    this.node = node;
    this.listener = node.config().get().udp();
    this.config = node.config();
    this.metrics = node.metrics();
    this.onListening = onListening;
  }

  /** The thread of this verticle's event loop, once started (null before). */
  public Thread eventLoop() {
    return eventLoop;
  }

  @Override
  public Future<?> start() {
    eventLoop = Thread.currentThread();
    gateway = new Gateway(vertx, node, metrics.udp());
    // UDP bodies carry no header; the encoder only shapes the frames the UDP session strips again
    encoder = new FrameEncoder(HeaderByteOrder.BIG);
    // the kernel buffer for bursts; each read still takes at most a datagram's size (the transport sees to it)
    socket = vertx.createDatagramSocket(new DatagramSocketOptions()
        .setReceiveBufferSize(Math.max(READ_BYTES, listener.socketReceiveBytes())));
    socket.handler(this::onPacket);
    writer = new UdpWriter(socket, context, listener.sendQueueBytes(), listener.packBytes(),
        listener.packWaitMillis(),
        () -> metrics.udpDropped("send_queue"));
    expiryTimer = vertx.setPeriodic(EXPIRY_CHECK_MS, t -> expire());
    return gateway.start()
        .compose(v -> socket.listen(listener.port(), listener.host()))
        .onSuccess(s -> {
          int port = s.localAddress().port();
          metrics.udpKernelDrops(() -> ReceiveBuffer.drops(port));
          ReceiveBuffer.kernelCap().ifPresent(cap -> {
            if (cap < listener.socketReceiveBytes()) {
              LOG.warning("UDP receive buffer is " + cap + " bytes, not the " + listener.socketReceiveBytes()
                  + " of udp.socketReceiveBytes: the kernel caps it at net.core.rmem_max (raise it:"
                  + " sysctl -w net.core.rmem_max=" + listener.socketReceiveBytes() + ")");
            }
          });
          onListening.accept(port);
        });
  }

  /**
   * Stops: opens no more sessions, waits (at most {@code server.drainSeconds}) for those open to
   * end (the chat's drain says {@code bye} to each, spread out), says {@code bye} (shutdown) to any
   * left, then closes the socket.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(expiryTimer);
    ended = Promise.promise();
    vertx.setTimer(Math.max(1, config.get().server().drainSeconds() * 1000L), t -> ended.tryComplete());
    if (sessions.isEmpty()) {
      ended.tryComplete();
    }
    return ended.future()
        .compose(v -> {
          for (UdpSession session : new ArrayList<>(sessions.values())) {
            session.close(bye(CloseReason.SHUTDOWN), CloseReason.SHUTDOWN);
          }
          return gateway.stop();
        })
        .eventually(socket::close);
  }

  private void onPacket(DatagramPacket packet) {
    SocketAddress sender = packet.sender();
    Buffer data = packet.data();
    metrics.udp().received(data.length());
    UdpOptions options = config.get().udp();
    if (data.length() > options.maxDatagramBytes()) {
      refuse(sender, ErrorCode.DATAGRAM_TOO_LARGE, "datagram of " + data.length() + " bytes is over the limit of "
          + options.maxDatagramBytes());
      return;
    }
    if (gateway.overloaded()) {
      // the chat is behind: a datagram cannot wait for it, and is dropped (clients repair gaps from history)
      metrics.udpDropped("overloaded");
      return;
    }
    Datagram datagram = parser.parseDatagram(data);
    UdpSession session = sessions.get(sender);
    if (session != null) {
      if (!session.datagram(datagram, data.length(), false)) {
        metrics.udpDropped("session_id");
      }
      return;
    }
    long now = System.currentTimeMillis();
    if (stopping) {
      return;
    }
    if (penalties.active(sender, now)) {
      metrics.udpDropped("penalty");
      return;
    }
    if (AddressCheck.required(sender, options.addressValidation())
        && !addresses.offer(sender, data.length(), datagram.cookie(), now, options, answer -> answer(sender, answer))) {
      metrics.udpDropped("unvalidated");
      return;
    }
    Admission admission = gateway.admitSession(sender.hostAddress(), sessions.size() < options.maxSessions());
    if (admission.refused()) {
      answer(sender, ServerFrames.error(admission.refusal(), admission.message()).toBuffer());
      return;
    }
    String sessionId = config.get().auth().mode() == AuthOptions.Mode.JWT ? newSessionId() : null;
    session = new UdpSession(writer, gateway, sender, sessionId, admission.slot(), reason -> closed(sender, reason));
    sessions.put(sender, session);
    gateway.connected(session);
    session.datagram(datagram, data.length(), true);
  }

  private void closed(SocketAddress sender, CloseReason reason) {
    sessions.remove(sender);
    if (ended != null && sessions.isEmpty()) {
      ended.tryComplete();
    }
    if (reason == CloseReason.FLOODING) {
      penalties.penalize(sender, System.currentTimeMillis() + config.get().udp().floodPenaltySeconds() * 1000L);
    }
  }

  private FrameBatch bye(CloseReason reason) {
    return FrameBatch.of(encoder.encode(ServerFrames.bye(reason)));
  }

  /** An error datagram to an address that gets no session for it. */
  private void refuse(SocketAddress to, ErrorCode code, String message) {
    metrics.error(code);
    answer(to, ServerFrames.error(code, message).toBuffer());
  }

  private void answer(SocketAddress to, Buffer datagram) {
    if (writer.send(datagram, new InetSocketAddress(to.hostAddress(), to.port()))) {
      metrics.udp().sent(datagram.length());
    }
  }

  private String newSessionId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void expire() {
    long now = System.currentTimeMillis();
    UdpOptions options = config.get().udp();
    for (Endpoint session : gateway.silentSince(now - options.sessionIdleSeconds() * 1000L)) {
      session.close(bye(CloseReason.IDLE), CloseReason.IDLE);
    }
    addresses.expire(now, options.unvalidatedSeconds());
    penalties.expire(now);
  }
}
