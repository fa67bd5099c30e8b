package io.framechat.bus;

/** Event-bus addresses. See docs/ARCHITECTURE.md for who sends what to each. */
public final class Addresses {

  /** Prefix of a broadcast verticle's address (one per server): {@link InboundBatch} from its gateways. */
  public static final String HUB_PREFIX = "framechat.hub.";

  /** Prefix of a gateway's own address (one per network verticle instance): {@link OpBatch}. */
  public static final String GATEWAY_PREFIX = "framechat.gateway.";

  private Addresses() {
  }
}
