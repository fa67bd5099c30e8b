package io.framechat.server;

import io.framechat.auth.JwtAuthenticator;
import io.framechat.bans.BanList;
import io.framechat.bus.Addresses;
import io.framechat.chat.Authenticator;
import io.framechat.chat.BroadcastVerticle;
import io.framechat.chat.LocalSequencer;
import io.framechat.chat.MessageStore;
import io.framechat.chat.Naming;
import io.framechat.chat.Peers;
import io.framechat.chat.Sequencer;
import io.framechat.cluster.ClusterMembership;
import io.framechat.cluster.ClusterPeers;
import io.framechat.config.AuthOptions;
import io.framechat.config.LiveConfig;
import io.framechat.config.StoreOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.net.NodeContext;
import io.vertx.core.Vertx;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The chat of one node as configured: what it needs to know of the other nodes, if any; how its
 * messages are numbered (by itself, with or without a store to keep them, or by the cluster); how
 * logins are checked, if they are.
 */
final class ChatAssembly {

  private ChatAssembly() {
  }

  static BroadcastVerticle broadcastVerticle(Vertx vertx, LiveConfig config, ChatMetrics metrics, NodeContext node,
      ClusterMembership membership, BanList bans, String nodeId, MessageStore store) {
    Authenticator authenticator = config.get().auth().mode() == AuthOptions.Mode.JWT
        ? JwtAuthenticator.create(vertx, () -> config.get().auth().jwt()) : null;
    String admin = Addresses.ADMIN_PREFIX + nodeId;
    if (membership == null) {
      String tag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
      Sequencer sequencer = store.keeps()
          ? Sequencer.stored(store, () -> config.get().chat().historySize(),
              config.get().store().durability() == StoreOptions.Durability.SYNC)
          : new LocalSequencer();
      return new BroadcastVerticle(node.hubAddress(), config, metrics, Peers.NONE, sequencer, store,
          Naming.singleNode(tag), authenticator, bans, admin, node.load());
    }
    ClusterPeers peers = new ClusterPeers(vertx, membership, config.get().tcp().byteOrder(), metrics,
        () -> config.get().cluster(), store, config.get().store().durability() == StoreOptions.Durability.SYNC,
        () -> config.get().chat().historySize());
    String tag = Integer.toString(membership.nodeId().hashCode() & 0xFFFFFF, 36);
    return new BroadcastVerticle(node.hubAddress(), config, metrics, peers, peers.sequencer(), store,
        Naming.clusterNode(tag), authenticator, bans, admin, node.load());
  }
}
