package io.framechat.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.framechat.config.ChatOptions;
import io.framechat.config.ClusterOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Starts Vert.x clustered on Hazelcast, configured from {@link ClusterOptions}: TCP-IP join with a
 * member list, or Kubernetes DNS discovery through a headless Service; no multicast. Heartbeats
 * every second, and a member silent for {@code cluster.memberTimeoutSeconds} is declared dead.
 */
public final class HazelcastCluster implements ClusterMembership {

  /** The exit status of a node stopped because it was frozen longer than the others wait ({@link PauseFence}). */
  public static final int EXIT_FROZEN = 4;
  private static final Logger LOG = Logger.getLogger(HazelcastCluster.class.getName());

  private final HazelcastClusterManager manager;
  private PauseFence fence;

  private HazelcastCluster(HazelcastClusterManager manager) {
    this.manager = manager;
  }

  /** A clustered Vert.x with {@code options}, and its membership. */
  public static Future<Started> start(VertxOptions options, VertxMetricsFactory metrics, ClusterOptions cluster,
      ChatOptions chat) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster, chat));
    eventBus(options.getEventBusOptions(), cluster);
    return Vertx.builder().with(options).withMetrics(metrics).withClusterManager(manager).buildClustered()
        .compose(vertx -> {
          HazelcastCluster joined = new HazelcastCluster(manager);
          String clash = joined.wireClash(cluster.name());
          if (clash != null) {
            return vertx.close().transform(closed -> Future.failedFuture(new IllegalStateException(clash)));
          }
          joined.fence = new PauseFence(PauseFence.boundMillis(cluster.memberTimeoutSeconds()), System::nanoTime,
              () -> manager.getHazelcastInstance().getCluster().getMembers().size(),
              frozen -> stopFrozen(frozen, cluster.memberTimeoutSeconds())).start();
          return Future.succeededFuture(new Started(vertx, joined));
        });
  }

  /** Halts the process: the others declared this node dead while it was frozen. */
  private static void stopFrozen(long frozenMillis, int memberTimeoutSeconds) {
    LOG.severe("this node was frozen for " + frozenMillis + " ms, longer than the others wait for a silent member"
        + " (cluster.memberTimeoutSeconds " + memberTimeoutSeconds + " s less a heartbeat): they have declared it dead,"
        + " so it stops (exit " + EXIT_FROZEN + ") rather than serve beside them; its clients resume on the others,"
        + " and a restart brings it back");
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.flush();
    }
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_FROZEN);
  }

  @Override
  public boolean intact() {
    return fence == null || fence.intact();
  }

  /** The event bus between the nodes: on the cluster's host, and with {@code cluster.tls}, mutual TLS. */
  static EventBusOptions eventBus(EventBusOptions bus, ClusterOptions cluster) {
    bus.setHost(cluster.host())
        .setPort(cluster.eventBusPort())
        .setClusterPublicHost(cluster.host());
    if (cluster.tls().enabled()) {
      // both ways: a node accepts peers the cluster CA signed, and connects only to such peers
      bus.setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cluster.tls().certPath()).setKeyPath(cluster.tls().keyPath()))
          .setTrustOptions(new PemTrustOptions().addCertPath(cluster.tls().caPath()))
          .setClientAuth(ClientAuth.REQUIRED);
    }
    return bus;
  }

  /**
   * Why this node cannot talk with a member of the cluster (it reads none of the wire versions this
   * node writes, or writes none this node reads), or null when it can with every member.
   */
  String wireClash(String clusterName) {
    HazelcastInstance hazelcast = manager.getHazelcastInstance();
    for (Member member : hazelcast.getCluster().getMembers()) {
      if (member.localMember()) {
        continue;
      }
      String min = member.getAttribute(Wire.MIN_ATTRIBUTE);
      String max = member.getAttribute(Wire.MAX_ATTRIBUTE);
      if (!Wire.canTalk(min, max)) {
        return "cluster \"" + clusterName + "\" has a member at " + member.getAddress() + " that reads "
            + (min == null ? "no versioned cluster wire (an older release)" : "cluster wire versions " + min + " to " + max)
            + ", and this node " + Wire.MIN_VERSION + " to " + Wire.VERSION + ": they cannot talk, so this node does not join";
      }
    }
    return null;
  }

  /** The clustered Vert.x and the membership view of its cluster. */
  public record Started(Vertx vertx, ClusterMembership membership) {
  }

  static Config hazelcastConfig(ClusterOptions cluster, ChatOptions chat) {
    Config config = ConfigUtil.loadConfig();
    config.addRingBufferConfig(new RingbufferConfig(RingbufferHistory.PREFIX + "*")
        .setCapacity(Math.max(1, chat.historySize()))
        .setTimeToLiveSeconds(chat.historySeconds())
        .setBackupCount(1)
        .setInMemoryFormat(InMemoryFormat.BINARY));
    config.setClusterName(cluster.name());
    // the cluster wire versions this node reads: a node that cannot talk with the others does not join
    config.getMemberAttributeConfig().setAttribute(Wire.MIN_ATTRIBUTE, String.valueOf(Wire.MIN_VERSION));
    config.getMemberAttributeConfig().setAttribute(Wire.MAX_ATTRIBUTE, String.valueOf(Wire.VERSION));
    // Hazelcast's own metrics (for its Management Center and JMX) are not what /metrics serves;
    // collected every 5 s they kept the JIT compiler at work under load and cost an idle node CPU.
    // -Dhazelcast.metrics.enabled=true turns them back on.
    config.getMetricsConfig().setEnabled(false);
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.memberTimeoutSeconds()));
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.setPublicAddress(cluster.host() + ":" + cluster.port());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!cluster.kubernetes().serviceDns().isEmpty()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.kubernetes().serviceDns())
          .setProperty("service-port", String.valueOf(cluster.port()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    return config;
  }

  @Override
  public String nodeId() {
    return manager.getNodeId();
  }

  @Override
  public HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  @Override
  public List<String> nodes() {
    return manager.getNodes();
  }

  @Override
  public void onNodeLeft(Consumer<String> listener) {
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String node = event.getMember().getAttribute(RingbufferHistory.NODE_ID_ATTRIBUTE);
        if (node != null) {
          listener.accept(node);
        }
      }
    });
  }
}
