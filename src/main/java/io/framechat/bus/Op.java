package io.framechat.bus;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;

/**
 * What the broadcast verticle tells gateways to do. Gateways apply the ops of an {@link OpBatch}
 * in order and skip those that concern none of their endpoints (addressed by {@link EndpointRef#id()}).
 */
public sealed interface Op {

  /** An op for one endpoint. */
  sealed interface ForEndpoint extends Op {
    long endpoint();
  }

  /** Write {@code frames} to every local member of {@code room}. */
  record ToRoom(String room, FrameBatch frames) implements Op {
  }

  /** Write {@code frames} to one endpoint. */
  record ToClient(long endpoint, FrameBatch frames) implements ForEndpoint {
  }

  /** {@code endpoint} is now a member of {@code room}: later {@link ToRoom} ops reach it. */
  record Joined(long endpoint, String room) implements ForEndpoint {
  }

  /** {@code endpoint} is no longer a member of {@code room}. */
  record Left(long endpoint, String room) implements ForEndpoint {
  }

  /** Send {@code last} to the endpoint, then close it. */
  record Close(long endpoint, FrameBatch last, CloseReason reason) implements ForEndpoint {
  }

  /**
   * The server is stopping: send {@code bye} to every endpoint of the gateway, each at a random
   * moment within {@code seconds} (so that clients do not all reconnect at once), then close it.
   */
  record Drain(FrameBatch bye, int seconds) implements Op {
  }
}
