package io.framechat.net;

import io.framechat.bans.BanList;
import io.framechat.bus.HubLoad;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;

/**
 * What every network verticle of one node shares: where its broadcast verticle listens (an address
 * of its own, so that two servers in one Vert.x never mix), the configuration in force, the
 * connection limits, the bans in force, the meters, and what its chat has not taken yet.
 */
public record NodeContext(String hubAddress, LiveConfig config, ConnectionLimits limits, BanList bans,
    ChatMetrics metrics, HubLoad load) {

  /** A node's context with nothing handed to its chat yet. */
  public NodeContext(String hubAddress, LiveConfig config, ConnectionLimits limits, BanList bans, ChatMetrics metrics) {
    this(hubAddress, config, limits, bans, metrics, new HubLoad());
  }
}
