package io.framechat.bus;

import io.framechat.net.Endpoint;
import io.framechat.protocol.Parsed;

/** What a gateway tells the broadcast verticle about its clients. */
public sealed interface Inbound {

  Endpoint endpoint();

  /** A new client: give it a nick and a room, and send it a welcome. */
  record Connected(Endpoint endpoint) implements Inbound {
  }

  /**
   * A body from the client: a command, or the error it got from the parser. Errors travel this way
   * too, so every reply reaches the client in the order of its requests.
   */
  record Received(Endpoint endpoint, Parsed parsed) implements Inbound {
  }

  /** The client is gone (closed, vanished, expired or cut off); {@code reason} is for presence and logs. */
  record Disconnected(Endpoint endpoint, String reason) implements Inbound {
  }
}
