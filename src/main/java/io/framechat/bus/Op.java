package io.framechat.bus;

import io.framechat.net.Endpoint;
import io.framechat.protocol.FrameBatch;

/**
 * What the broadcast verticle tells gateways to do. Gateways apply the ops of an {@link OpBatch}
 * in order and skip those that concern none of their endpoints.
 */
public sealed interface Op {

  /** Write {@code frames} to every local member of {@code room}. */
  record ToRoom(String room, FrameBatch frames) implements Op {
  }

  /** Write {@code frames} to one endpoint. */
  record ToClient(Endpoint endpoint, FrameBatch frames) implements Op {
  }

  /** {@code endpoint} is now a member of {@code room}: later {@link ToRoom} ops reach it. */
  record Joined(Endpoint endpoint, String room) implements Op {
  }

  /** {@code endpoint} is no longer a member of {@code room}. */
  record Left(Endpoint endpoint, String room) implements Op {
  }

  /** Send {@code last} to the endpoint, then close it. */
  record Close(Endpoint endpoint, FrameBatch last, String reason) implements Op {
  }
}
