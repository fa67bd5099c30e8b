package io.framechat.net;

import io.vertx.core.json.JsonObject;

import io.framechat.bus.EndpointRef;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;

/**
 * One connected client as its network verticle sees it: a TCP connection or a UDP session. It
 * lives on its {@link Gateway}'s event loop: only that gateway calls {@link #send} and
 * {@link #close}; the broadcast verticle knows it by its {@link #ref()}.
 */
public interface Endpoint {

  /** The handle the broadcast verticle knows this client by. */
  EndpointRef ref();

  default long id() {
    return ref().id();
  }

  /** The peer's host (IP address), which connection limits count by. */
  String remoteHost();

  /** When the client last sent anything, in epoch milliseconds. */
  long lastHeardMillis();

  /** Gives the client's place under the connection limits back (once; later calls do nothing). */
  void releaseSlot();

  /** False once closed; sends are then dropped. */
  boolean isOpen();

  /**
   * Sends the frames: the same buffer as is over TCP, one datagram per body over UDP. A transport
   * may hold them until {@link #flush()}, which its gateway calls at the end of the event-loop turn.
   */
  void send(FrameBatch frames);

  /**
   * Sends frames fanned out to a room: like {@link #send}, but a slow consumer may lose them
   * ({@code tcp.slowConsumer = drop}), whereas replies to its own requests are always kept.
   */
  default void sendRoom(FrameBatch frames) {
    send(frames);
  }

  /** Writes out whatever {@link #send} held back. */
  default void flush() {
  }

  /** Sends {@code last} (a {@code bye} or fatal {@code error}) and closes. */
  void close(FrameBatch last, CloseReason reason);

  /** Closes at once, sending nothing more: what is done with an endpoint whose handling failed. */
  void abort();

  /** Stops reading from the client (the chat is behind); nothing by default (a datagram cannot wait). */
  default void pauseReading() {
  }

  /** Reads from the client again. */
  default void resumeReading() {
  }

  /**
   * What went each way, for operators: {@code framesIn}, {@code bytesIn}, {@code framesOut},
   * {@code bytesOut}, and {@code pendingBytes} written but not yet taken by the kernel.
   */
  default JsonObject counters() {
    return new JsonObject();
  }
}
