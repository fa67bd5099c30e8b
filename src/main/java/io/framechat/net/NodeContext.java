package io.framechat.net;

import io.framechat.bans.BanList;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;

/**
 * What every network verticle of one node shares: where its broadcast verticle listens (an address
 * of its own, so that two servers in one Vert.x never mix), the configuration in force, the
 * connection limits, the bans in force and the meters.
 */
public record NodeContext(String hubAddress, LiveConfig config, ConnectionLimits limits, BanList bans,
    ChatMetrics metrics) {
}
