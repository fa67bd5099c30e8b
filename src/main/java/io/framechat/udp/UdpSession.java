package io.framechat.udp;

import io.framechat.net.ConnectionLimits;
import io.framechat.net.EndpointBase;
import io.framechat.net.Gateway;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Datagram;
import io.framechat.protocol.FrameBatch;
import io.vertx.core.net.SocketAddress;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A UDP client, known by its sender address. Each frame body goes out as one datagram with no
 * header, or, once the client asked ({@code "pack":true}), several to a datagram, newline-separated;
 * the listener's {@link UdpWriter} writes them (a room's batch to every member, then one flush).
 * A packed session holds a busy room's traffic while the writer says so ({@code udp.packWaitMillis})
 * and sends it as one batch at the release, or before anything else sent to it. Sessions are opened by the first datagram and end on quit, expiry or shutdown. With a session id
 * (authentication on), every datagram after the first must carry it: one without it, or with
 * another, comes from someone who knows the address but did not see the welcome, and is dropped
 * before it counts for anything (not even the idle timer or the flood allowance).
 */
final class UdpSession extends EndpointBase {

  private final UdpWriter writer;
  private final InetSocketAddress address;
  private final String sessionId;
  private final Consumer<CloseReason> onClose;
  private boolean closed;
  /** Whether the client asked for several frames to a datagram. */
  private boolean packed;
  /** Room traffic waiting for the writer's release (packed sessions only), or null. */
  private List<FrameBatch> held;

  UdpSession(UdpWriter writer, Gateway gateway, SocketAddress address, String sessionId,
      ConnectionLimits.Slot slot, Consumer<CloseReason> onClose) {
    super(gateway, "udp", address.hostAddress(), address.port(), sessionId, slot);
    this.writer = writer;
    // an IP literal: no lookup
    this.address = new InetSocketAddress(address.hostAddress(), address.port());
    this.sessionId = sessionId;
    this.onClose = onClose;
  }

  /**
   * A datagram from this session's address; {@code opening} for the one that opened the session.
   * False when it was dropped for a missing or wrong session id.
   */
  boolean datagram(Datagram datagram, int bytes, boolean opening) {
    if (sessionId != null && !opening && !sessionId.equals(datagram.sid())) {
      return false;
    }
    if (datagram.pack() != null) {
      packed = datagram.pack();
    }
    heard();
    countIn(bytes);
    parsedReceived(datagram.parsed());
    return true;
  }

  /** Room traffic: held for the writer's release when packed and the writer holds this turn's, else sent. */
  @Override
  public void sendRoom(FrameBatch frames) {
    if (closed) {
      return;
    }
    if (packed && writer.holds(this, held != null)) {
      if (held == null) {
        held = new ArrayList<>(4);
      }
      held.add(frames);
      return;
    }
    send(frames);
  }

  /** Sends what is held, as one batch: the writer's release. */
  void sendHeld() {
    if (held != null) {
      List<FrameBatch> frames = held;
      held = null;
      write(writer.combine(frames));
    }
  }

  /** Sends the frames, after the room traffic held (so the client gets them in the order sent). */
  @Override
  public void send(FrameBatch frames) {
    sendHeld();
    write(frames);
  }

  private void write(FrameBatch frames) {
    if (closed) {
      return;
    }
    long bytes = writer.send(frames, address, packed);
    countOut(frames.count(), bytes);
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
    onClose.accept(reason);
    gateway().disconnected(this, reason);
  }

  @Override
  public void abort() {
    held = null;
    if (!closed) {
      closed = true;
      releaseSlot();
      onClose.accept(CloseReason.ERROR);
      gateway().disconnected(this, CloseReason.ERROR);
    }
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }
}
