package io.framechat.udp;

import io.framechat.net.EndpointBase;
import io.framechat.net.Gateway;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;

/**
 * A UDP client, known by its sender address. Each frame body goes out as one datagram with no
 * header. Sessions are opened by the first datagram and end on quit, expiry or shutdown.
 */
final class UdpSession extends EndpointBase {

  private final DatagramSocket socket;
  private final SocketAddress address;
  private final Runnable onClose;
  private boolean closed;

  UdpSession(DatagramSocket socket, Gateway gateway, SocketAddress address, Runnable onClose) {
    super(gateway, "udp", address.hostAddress(), address.port());
    this.socket = socket;
    this.address = address;
    this.onClose = onClose;
  }

  /** A datagram arrived from this session's address: one body. */
  void datagram(Buffer body) {
    heard();
    bodyReceived(body);
  }

  @Override
  public void send(FrameBatch frames) {
    if (closed) {
      return;
    }
    long bytes = 0;
    for (int i = 0; i < frames.count(); i++) {
      Buffer body = frames.body(i);
      socket.send(body, address.port(), address.hostAddress());
      bytes += body.length();
    }
    gateway().transportMetrics().sent(bytes);
  }

  @Override
  public void close(FrameBatch last, CloseReason reason) {
    if (closed) {
      return;
    }
    send(last);
    closed = true;
    releaseSlot();
    onClose.run();
    gateway().disconnected(this, reason);
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }
}
