package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The clustered mode, the {@code cluster} section: Vert.x's clustered event bus on Hazelcast.
 * Members find each other by a fixed list ({@code members}, TCP-IP join) or, in Kubernetes, by the
 * DNS name of a headless Service ({@code kubernetes.serviceDns}).
 *
 * @param host the address this node binds and advertises (in Kubernetes, the pod IP)
 * @param port Hazelcast member port: the one other nodes list in {@code members}
 * @param eventBusPort event-bus port; 0 = any free port (advertised through Hazelcast)
 * @param members {@code host:port} of other members
 * @param memberTimeoutSeconds a member silent this long is declared dead and its clients cleaned up
 * @param maxPendingMessages messages of one room waiting to be numbered by its sequencer (and, on
 *     each node, waiting to be forwarded to one other node); past it a message is refused with
 *     {@code busy}, so a slow or stalled peer cannot make a node hold an unbounded queue
 * @param maxEarlyBatches batches of another node held while its snapshot is awaited; past it they
 *     are dropped and the node is asked for a snapshot again
 * @param tls mutual TLS on the event bus between nodes
 */
public record ClusterOptions(boolean enabled, String name, String host, int port, int eventBusPort,
    List<String> members, int memberTimeoutSeconds, int maxPendingMessages, int maxEarlyBatches,
    Kubernetes kubernetes, Tls tls) {

  /**
   * Mutual TLS on the event bus: each node presents {@code certPath}/{@code keyPath} and accepts
   * only peers whose certificate {@code caPath} signed, both ways, so a process without such a
   * certificate cannot send or receive chat traffic between nodes (Hazelcast's own port has no such
   * protection in its open-source edition: keep it to the nodes, with a NetworkPolicy).
   */
  public record Tls(boolean enabled, String certPath, String keyPath, String caPath) {

    void check() {
      if (enabled) {
        Checks.notBlank("cluster.tls.certPath", certPath);
        Checks.notBlank("cluster.tls.keyPath", keyPath);
        Checks.notBlank("cluster.tls.caPath", caPath);
      }
    }
  }

  /**
   * Discovery of the other pods in Kubernetes.
   *
   * @param serviceDns headless Service listing the pods; empty = not used
   */
  public record Kubernetes(String serviceDns) {
    public Kubernetes {
      serviceDns = serviceDns == null ? "" : serviceDns.trim();
    }
  }

  public static final String SECTION = "cluster";
  public static final boolean DEFAULT_ENABLED = false;
  public static final String DEFAULT_NAME = "framechat";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_EVENT_BUS_PORT = 0;
  public static final int DEFAULT_MEMBER_TIMEOUT_SECONDS = 5;
  public static final int DEFAULT_MAX_PENDING_MESSAGES = 10_000;
  public static final int DEFAULT_MAX_EARLY_BATCHES = 10_000;
  public static final String DEFAULT_SERVICE_DNS = "";

  public static final ClusterOptions DEFAULTS = new ClusterOptions(DEFAULT_ENABLED, DEFAULT_NAME, DEFAULT_HOST,
      DEFAULT_PORT, DEFAULT_EVENT_BUS_PORT, List.of(), DEFAULT_MEMBER_TIMEOUT_SECONDS, DEFAULT_MAX_PENDING_MESSAGES,
      DEFAULT_MAX_EARLY_BATCHES, new Kubernetes(DEFAULT_SERVICE_DNS), new Tls(false, "", "", ""));

  public ClusterOptions {
    Checks.notBlank("cluster.name", name);
    Checks.notBlank("cluster.host", host);
    Checks.range("cluster.port", port, 1, 65_535);
    Checks.port("cluster.eventBusPort", eventBusPort);
    members = List.copyOf(members);
    members.forEach(ClusterOptions::checkMember);
    Checks.range("cluster.memberTimeoutSeconds", memberTimeoutSeconds, 2, 600);
    Checks.positive("cluster.maxPendingMessages", maxPendingMessages);
    Checks.positive("cluster.maxEarlyBatches", maxEarlyBatches);
    tls.check();
  }

  public static ClusterOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, ClusterOptions.class);
  }

  private static void checkMember(String member) {
    int colon = member.lastIndexOf(':');
    String port = colon > 0 ? member.substring(colon + 1) : "";
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
      throw new ConfigException("cluster.members", "expected HOST:PORT entries, got \"" + member + "\"");
    }
  }
}
