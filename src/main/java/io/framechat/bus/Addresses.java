package io.framechat.bus;

/** Event-bus addresses. See docs/ARCHITECTURE.md for who sends what to each. */
public final class Addresses {

  /** Prefix of a broadcast verticle's address (one per server): {@link InboundBatch} from its gateways. */
  public static final String HUB_PREFIX = "framechat.hub.";

  /** Prefix of a gateway's own address (one per network verticle instance): {@link OpBatch}. */
  public static final String GATEWAY_PREFIX = "framechat.gateway.";

  /**
   * Added to a gateway's address: asked anything, it answers with its endpoints' counters, as a JSON
   * object from endpoint id to {@code {"framesIn":..,"bytesIn":..,"framesOut":..,"bytesOut":..,"pendingBytes":..}}.
   */
  public static final String COUNTERS_SUFFIX = ".counters";

  /**
   * Prefix of a node's admin address (the node's id follows; reached across a cluster): a JSON
   * request with {@code "op"} ({@link AdminOps}), answered with a JSON object.
   */
  public static final String ADMIN_PREFIX = "framechat.admin.";

  private Addresses() {
  }
}
