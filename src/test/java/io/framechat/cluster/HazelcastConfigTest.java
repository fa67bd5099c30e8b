package io.framechat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.RingbufferConfig;
import io.framechat.config.ClusterOptions;
import io.framechat.testing.TestServers;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The Hazelcast configuration a node starts with, built from framechat's options. */
class HazelcastConfigTest {

  private static Config config() {
    ClusterOptions options = new ClusterOptions(true, "test", "127.0.0.1", 5901, 0, List.of("127.0.0.1:5902"), 7,
        10_000, 10_000, new ClusterOptions.Kubernetes(""), new ClusterOptions.Tls(false, "", "", ""));
    return HazelcastCluster.hazelcastConfig(options, TestServers.config().chat());
  }

  @Test
  void hazelcasts_own_metrics_are_off() {
    assertFalse(config().getMetricsConfig().isEnabled());
  }

  @Test
  void rooms_shared_history_is_backed_up_once_and_sized_by_the_chat() {
    Config config = config();
    RingbufferConfig history = config.getRingbufferConfig(RingbufferHistory.PREFIX + "lobby");
    assertEquals(1, history.getBackupCount());
    assertEquals(TestServers.config().chat().historySize(), history.getCapacity());
    assertEquals("7", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
    assertTrue(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers().contains("127.0.0.1:5902"));
  }
}
