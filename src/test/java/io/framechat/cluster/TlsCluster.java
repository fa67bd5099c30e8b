package io.framechat.cluster;

import io.framechat.testing.ServerProcess;
import io.framechat.testing.TestCertificates;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The nodes of one cluster on 127.0.0.1, each a process, their event bus over mutual TLS with
 * certificates from a CA of the cluster's own, Hazelcast and the event bus on ports that were free a
 * moment before; the nodes chat at thousands of messages a second from one client and keep 10,000
 * messages a room.
 */
final class TlsCluster {

  static final String ADMIN_TOKEN = "cluster-admin-token-for-tests";

  final TestCertificates ca;
  private final String name = "it-" + UUID.randomUUID();
  private final Map<String, Integer> busPorts = new HashMap<>();

  TlsCluster(Path certificates) {
    ca = TestCertificates.ca(certificates);
  }

  /**
   * Starts node {@code node}, joining the member on {@code joinPort} (null: nobody), and waits until
   * the cluster has {@code members} members. If another process took its Hazelcast port meanwhile
   * (the node then stops at once), again on another.
   */
  ServerProcess start(Integer joinPort, int members, String node) {
    for (int attempt = 1; ; attempt++) {
      int port = ServerProcess.freePort();
      int busPort = ServerProcess.freePort();
      ServerProcess process = ServerProcess.start(environment(port, joinPort, busPort, ca.issue(node, node)));
      try {
        process.awaitLine("cluster \"" + name + "\" joined in \\d+ ms .* on 127.0.0.1:" + port + ", " + members + " members");
        busPorts.put(node, busPort);
        return process.awaitListening();
      } catch (AssertionError e) {
        process.close();
        if (attempt == 3 || process.isAlive()) {
          throw e;
        }
      }
    }
  }

  /** The event bus's port of a node started here. */
  int busPort(String node) {
    return busPorts.get(node);
  }

  private Map<String, String> environment(int port, Integer joinPort, int busPort, TestCertificates.Pair busCert) {
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    // the event bus between the nodes over mutual TLS, on a known port
    env.put("FRAMECHAT_CLUSTER_EVENT_BUS_PORT", String.valueOf(busPort));
    env.put("FRAMECHAT_CLUSTER_TLS_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_TLS_CERT_PATH", busCert.cert().toString());
    env.put("FRAMECHAT_CLUSTER_TLS_KEY_PATH", busCert.key().toString());
    env.put("FRAMECHAT_CLUSTER_TLS_CA_PATH", ca.caCert.toString());
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", name);
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(port));
    if (joinPort != null) {
      env.put("FRAMECHAT_CLUSTER_MEMBERS", "127.0.0.1:" + joinPort);
    }
    // the tests chat at a thousand messages a second from one client
    env.put("FRAMECHAT_LIMITS_MESSAGES_PER_SECOND", "100000");
    env.put("FRAMECHAT_LIMITS_BURST", "100000");
    // and keep all of it, so a client away for seconds can catch up
    env.put("FRAMECHAT_CHAT_HISTORY_SIZE", "10000");
    env.put("FRAMECHAT_ADMIN_TOKEN", ADMIN_TOKEN);
    return env;
  }
}
