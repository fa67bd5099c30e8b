package io.framechat.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.framechat.config.ClusterOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.function.Consumer;

/**
 * Starts Vert.x clustered on Hazelcast, configured from {@link ClusterOptions}: TCP-IP join with a
 * member list, or Kubernetes DNS discovery through a headless Service; no multicast. Heartbeats
 * every second, and a member silent for {@code cluster.memberTimeoutSeconds} is declared dead.
 */
public final class HazelcastCluster implements ClusterMembership {

  /** The member attribute in which Vert.x's cluster manager keeps its node id. */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final HazelcastClusterManager manager;

  private HazelcastCluster(HazelcastClusterManager manager) {
    this.manager = manager;
  }

  /** A clustered Vert.x with {@code options}, and its membership. */
  public static Future<Started> start(VertxOptions options, VertxMetricsFactory metrics, ClusterOptions cluster) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
    options.getEventBusOptions()
        .setHost(cluster.getHost())
        .setPort(cluster.getEventBusPort())
        .setClusterPublicHost(cluster.getHost());
    return Vertx.builder().with(options).withMetrics(metrics).withClusterManager(manager).buildClustered()
        .map(vertx -> new Started(vertx, new HazelcastCluster(manager)));
  }

  /** The clustered Vert.x and the membership view of its cluster. */
  public record Started(Vertx vertx, ClusterMembership membership) {
  }

  static Config hazelcastConfig(ClusterOptions cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.getName());
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.getMemberTimeoutSeconds()));
    config.setProperty("hazelcast.local.localAddress", cluster.getHost());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.getPort()).setPortAutoIncrement(false);
    network.setPublicAddress(cluster.getHost() + ":" + cluster.getPort());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!cluster.getServiceDns().isEmpty()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.getServiceDns())
          .setProperty("service-port", String.valueOf(cluster.getPort()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.getMembers());
    }
    return config;
  }

  @Override
  public String nodeId() {
    return manager.getNodeId();
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
        String node = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        if (node != null) {
          listener.accept(node);
        }
      }
    });
  }
}
