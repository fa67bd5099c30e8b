package io.framechat.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.framechat.bans.Ban;
import io.framechat.bans.BanList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bans in a real (single-member) Hazelcast map: a node's list follows the map in the order its keys
 * changed, whoever made the change, so a lifted ban is lifted even when its add's event comes late.
 */
@ExtendWith(VertxExtension.class)
class ClusterBansTest {

  private static HazelcastInstance hazelcast;

  @BeforeAll
  static void startHazelcast() throws IOException {
    Config config = new Config().setClusterName("bans-" + UUID.randomUUID());
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    hazelcast = Hazelcast.newHazelcastInstance(config);
  }

  @AfterAll
  static void stopHazelcast() {
    hazelcast.shutdown();
  }

  private static Ban nickBan(String id, String nick) {
    return new Ban(id, Ban.Kind.NICK, nick, nick, System.currentTimeMillis() + 600_000, "test", "test");
  }

  private static boolean holds(BanList list, String id) {
    return list.current(System.currentTimeMillis()).stream().anyMatch(ban -> ban.id().equals(id));
  }

  @Test
  void addedThenLiftedAgainAndAgainStaysLifted(Vertx vertx, VertxTestContext ctx) {
    IMap<String, String> map = hazelcast.getMap("bans-" + UUID.randomUUID());
    BanList list = new BanList();
    BanList other = new BanList();
    ClusterBans bans = new ClusterBans(vertx, map, list);
    ClusterBans otherNode = new ClusterBans(vertx, map, other);
    Future<Void> rounds = bans.start().compose(v -> otherNode.start());
    for (int i = 0; i < 300; i++) {
      String id = "b" + i;
      rounds = rounds.compose(v -> bans.add(nickBan(id, "nick" + id.length())))
          .compose(v -> {
            ctx.verify(() -> assertTrue(holds(list, id), "ban " + id + " holds once added"));
            return bans.remove(id);
          })
          .map(lifted -> {
            ctx.verify(() -> {
              assertTrue(lifted, "ban " + id + " was there to lift");
              assertTrue(!holds(list, id), "ban " + id + " is lifted once remove completed");
            });
            return null;
          });
    }
    rounds.compose(v -> bans.add(nickBan("last", "last")))
        .compose(v -> otherNode.remove("last"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(!holds(other, "last"), "lifted on the node that lifted it");
          assertEquals(0, map.size(), "nothing left in the map");
        }))).compose(v -> bans.add(nickBan("probe", "probe"))).compose(v -> bans.remove("probe"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          // events of one key are applied in order: the first node has followed "last" by now too
          assertEquals(List.of(), list.current(System.currentTimeMillis()), "every ban lifted, in order");
          ctx.completeNow();
        })));
  }

  @Test
  void aNodeStartingLaterReadsTheBansKept(Vertx vertx, VertxTestContext ctx) {
    IMap<String, String> map = hazelcast.getMap("bans-" + UUID.randomUUID());
    BanList first = new BanList();
    BanList later = new BanList();
    ClusterBans bans = new ClusterBans(vertx, map, first);
    bans.start().compose(v -> bans.add(nickBan("kept", "kept"))).compose(v -> bans.add(nickBan("gone", "gone")))
        .compose(v -> bans.remove("gone"))
        .compose(v -> new ClusterBans(vertx, map, later).start())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertTrue(holds(later, "kept"));
          assertTrue(!holds(later, "gone"));
          ctx.completeNow();
        })));
  }
}
