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
 */
public record EndpointRef(long id, String gateway, String transport, String remoteAddress) {
}
