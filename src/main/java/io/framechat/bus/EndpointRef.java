package io.framechat.bus;

/**
 * A client as the broadcast verticle knows it: a handle, not the live connection. The connection
 * itself belongs to its gateway's event loop; the chat addresses it by {@code id} through the
 * gateway at {@code gateway}. Immutable, so it may be held on any thread.
 *
 * @param id unique in this JVM for the process's lifetime
 * @param gateway the event-bus address of the gateway that owns the client
 * @param transport {@code tcp} or {@code udp}
 * @param remoteAddress the peer's {@code host:port}
 * @param sessionId a UDP session's id, which its every datagram must carry when authentication is on
 *     (the welcome tells it); null when the transport needs none
 */
public record EndpointRef(long id, String gateway, String transport, String remoteAddress, String sessionId) {

  /** A client whose transport needs no session id. */
  public EndpointRef(long id, String gateway, String transport, String remoteAddress) {
    this(id, gateway, transport, remoteAddress, null);
  }
}
