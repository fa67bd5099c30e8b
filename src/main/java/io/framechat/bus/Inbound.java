package io.framechat.bus;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Parsed;

/** What a gateway tells the broadcast verticle about its clients. */
public sealed interface Inbound {

  /** The client's {@link EndpointRef#id()}. */
  long endpoint();

  /** A new client: give it a nick and a room, and send it a welcome. */
  record Connected(EndpointRef ref) implements Inbound {
    @Override
    public long endpoint() {
      return ref.id();
    }
  }

  /**
   * A body from the client: a command, or the error it got (from the parser, or {@code rate_limited}
   * from flood control). Errors travel this way too, so every reply reaches the client in the order
   * of its requests.
   */
  record Received(long endpoint, Parsed parsed) implements Inbound {
  }

  /**
   * The network side cut the client off for cause ({@code flooding}) and reads nothing more from
   * it: it gets {@code bye} after the replies to its earlier requests, and is closed.
   */
  record CutOff(long endpoint, CloseReason reason) implements Inbound {
  }

  /** The client is gone (closed, vanished, expired or cut off); {@code reason} is for presence and logs. */
  record Disconnected(long endpoint, CloseReason reason) implements Inbound {
  }
}
