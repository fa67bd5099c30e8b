package io.framechat.net;

import io.framechat.bans.Ban;
import io.framechat.protocol.ErrorCode;

import java.time.Instant;

/**
 * Whether a client from an address may join, by one rule for every transport: an address a ban
 * covers is refused ({@code banned}), then one past the connection limits
 * ({@code too_many_connections}); each refusal is counted by its code. A stream socket took its
 * place under the limits when it was accepted ({@link AcceptGuard}); a UDP session takes it here.
 *
 * @param slot the client's place under the limits, when admitted
 * @param refusal why not, when refused (null when admitted)
 * @param message the words of the refusal
 */
public record Admission(ConnectionLimits.Slot slot, ErrorCode refusal, String message) {

  public boolean refused() {
    return refusal != null;
  }

  /**
   * Admits a client from {@code host}: with {@code accepted} its stream socket's place (null when it
   * holds none), or else, when {@code room} says the transport has room, a place taken now.
   */
  static Admission of(NodeContext node, String host, ConnectionLimits.Slot accepted, boolean stream, boolean room) {
    Ban ban = node.bans().ofAddress(host, System.currentTimeMillis());
    if (ban != null) {
      return refuse(node, ErrorCode.BANNED, "your address is banned until " + Instant.ofEpochMilli(ban.until())
          + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
    }
    ConnectionLimits.Slot slot = stream ? accepted : room ? node.limits().open(host) : null;
    if (slot == null && !stream) {
      return refuse(node, ErrorCode.TOO_MANY_CONNECTIONS, "the server or your address has too many connections: try later");
    }
    return new Admission(slot, null, null);
  }

  private static Admission refuse(NodeContext node, ErrorCode code, String message) {
    node.metrics().error(code);
    return new Admission(null, code, message);
  }
}
