package io.framechat.bus;

/** Event-bus addresses. See docs/ARCHITECTURE.md for who sends what to each. */
public final class Addresses {

  /** The broadcast verticle: {@link InboundBatch} from gateways. */
  public static final String HUB = "framechat.hub";

  /** Prefix of a gateway's own address (one per network verticle instance): {@link OpBatch}. */
  public static final String GATEWAY_PREFIX = "framechat.gateway.";

  private Addresses() {
  }
}
