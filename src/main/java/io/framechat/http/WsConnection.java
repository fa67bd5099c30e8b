package io.framechat.http;

import io.framechat.net.AcceptGuard;
import io.framechat.net.ConnectionLimits;
import io.framechat.net.StreamEndpoint;
import io.framechat.net.Gateway;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket client: each text message is one body of the protocol, handed to the same inbound
 * path as TCP and UDP bodies; each frame the server sends goes out as one text message. A binary
 * message is {@code bad_request}; a text message over {@code http.websocket.maxFrameBytes} is
 * {@code frame_too_large} and closes. What it is sent follows the same rule as a TCP client's
 * ({@link StreamEndpoint}: held for the turn, one flush, {@code tcp.sendQueueBytes} and
 * {@code tcp.slowConsumer}). No chat logic here.
 */
final class WsConnection extends StreamEndpoint {

  private static final Logger LOG = Logger.getLogger(WsConnection.class.getName());

  private final ServerWebSocket socket;
  private final WsFrames frames;
  /** Where encoded frames are written, bypassing a write (and a flush) per message. */
  private final ChannelHandlerContext channel;
  private final int maxFrameBytes;
  private CloseReason closeReason;
  /** The message being received, frame by frame (null between messages, or after one too large). */
  private Buffer message;
  private boolean binary;

  WsConnection(ServerWebSocket socket, Gateway gateway, FrameEncoder encoder, WsFrames frames, int maxFrameBytes,
      ConnectionLimits.Slot slot) {
    super(gateway, "ws", socket, socket.remoteAddress(), slot, encoder);
    this.socket = socket;
    this.frames = frames;
    this.channel = ((WebSocketInternal) socket).channelHandlerContext();
    this.maxFrameBytes = maxFrameBytes;
    socket.setWriteQueueMaxSize(gateway.config().tcp().sendQueueBytes());
  }

  /** The socket's place under the connection limits, taken when it was accepted. */
  static ConnectionLimits.Slot slot(ServerWebSocket socket) {
    return ((WebSocketInternal) socket).channelHandlerContext().channel().attr(AcceptGuard.SLOT).get();
  }

  void start() {
    HttpDeadlines.lift(channel.pipeline());
    socket.frameHandler(this::onFrame);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> LOG.log(Level.FINE, "WebSocket " + this + " failed", e));
    gateway().connected(this);
  }

  /**
   * A frame of a message: the message's bytes are gathered as they came (not decoded here, so text
   * that is not UTF-8 meets the same {@code bad_utf8} as over TCP, instead of being mended), then
   * handed on whole; a binary message is {@code bad_request}.
   */
  private void onFrame(WebSocketFrame frame) {
    if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) {
      return;
    }
    heard();
    Buffer data = frame.binaryData();
    gateway().transportMetrics().received(data.length());
    countIn(data.length());
    if (!frame.isContinuation()) {
      message = Buffer.buffer(data.length());
      binary = frame.isBinary();
    }
    if (message == null) {
      return;
    }
    if (message.length() + data.length() > maxFrameBytes) {
      message = null;
      if (!closing) {
        sendError(ErrorCode.FRAME_TOO_LARGE, "message over the limit of " + maxFrameBytes + " bytes");
      }
      return;
    }
    message.appendBuffer(data);
    if (!frame.isFinal()) {
      return;
    }
    Buffer body = message;
    message = null;
    if (closing) {
      return;
    }
    if (binary) {
      sendError(ErrorCode.BAD_REQUEST, "binary messages are not taken: send each body as a text message");
    } else {
      bodyReceived(body);
    }
  }

  @Override
  protected boolean writable() {
    return channel.channel().isWritable();
  }

  @Override
  protected boolean channelClosed() {
    return !channel.channel().isActive();
  }

  @Override
  protected long unsent() {
    ChannelOutboundBuffer buffer = channel.channel().unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /**
   * Queues the batch's text frames, encoded once for every member. They pass the channel's WebSocket
   * encoder untouched (they are bytes, not frames) and are never compressed: an uncompressed message
   * is valid under permessage-deflate.
   */
  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed write or close shows in the channel's handlers
  protected long write(FrameBatch batch) {
    Buffer wire = frames.of(batch);
    channel.write(((BufferInternal) wire).getByteBuf(), channel.voidPromise());
    return wire.length();
  }

  @Override
  protected void flushWrites() {
    channel.flush();
  }

  @Override
  public void close(FrameBatch last, CloseReason reason) {
    if (closing) {
      return;
    }
    flush();
    if (closing) {
      return;
    }
    write(last);
    flushWrites();
    closing = true;
    closeReason = reason;
    releaseSlot();
    socket.close((short) 1000, reason.wireName());
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // Netty's: a failed write or close shows in the channel's handlers
  public void abort() {
    if (!closing) {
      closing = true;
      closeReason = CloseReason.ERROR;
      releaseSlot();
    }
    channel.close();
  }

  private void onClosed() {
    closing = true;
    gateway().disconnected(this, closeReason != null ? closeReason : CloseReason.CLOSED);
  }
}
