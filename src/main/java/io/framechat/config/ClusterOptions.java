package io.framechat.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of the clustered mode, the {@code cluster} section: Vert.x's clustered event bus on
 * Hazelcast. Members find each other by a fixed list ({@code members}, TCP-IP join) or, in
 * Kubernetes, by the DNS name of a headless Service ({@code kubernetes.serviceDns}).
 */
public final class ClusterOptions extends JsonSection {

  public static final String SECTION = "cluster";
  public static final boolean DEFAULT_ENABLED = false;
  /** Nodes join only a cluster of the same name. */
  public static final String DEFAULT_NAME = "framechat";
  /** The address this node binds and advertises; inside Kubernetes the pod IP. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Hazelcast member port: the one other nodes list in {@code members}. */
  public static final int DEFAULT_PORT = 5701;
  /** Event-bus port; 0 = any free port (it is advertised through Hazelcast). */
  public static final int DEFAULT_EVENT_BUS_PORT = 0;
  /** Seconds without a heartbeat before a member is declared dead and its clients cleaned up. */
  public static final int DEFAULT_MEMBER_TIMEOUT_SECONDS = 5;
  public static final String DEFAULT_SERVICE_DNS = "";

  private boolean enabled = DEFAULT_ENABLED;
  private String name = DEFAULT_NAME;
  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int eventBusPort = DEFAULT_EVENT_BUS_PORT;
  private List<String> members = new ArrayList<>();
  private int memberTimeoutSeconds = DEFAULT_MEMBER_TIMEOUT_SECONDS;
  private String serviceDns = DEFAULT_SERVICE_DNS;

  public ClusterOptions() {
  }

  public ClusterOptions(ClusterOptions other) {
    this(other.toJson());
  }

  public ClusterOptions(JsonObject json) {
    setEnabled(JsonFields.getBoolean(json, SECTION, "enabled", enabled));
    setName(JsonFields.getString(json, SECTION, "name", name));
    setHost(JsonFields.getString(json, SECTION, "host", host));
    setPort(JsonFields.getInt(json, SECTION, "port", port));
    setEventBusPort(JsonFields.getInt(json, SECTION, "eventBusPort", eventBusPort));
    setMembers(JsonFields.getStrings(json, SECTION, "members", members));
    setMemberTimeoutSeconds(JsonFields.getInt(json, SECTION, "memberTimeoutSeconds", memberTimeoutSeconds));
    JsonObject kubernetes = JsonFields.getSection(json, "kubernetes", SECTION + ".kubernetes");
    setServiceDns(JsonFields.getString(kubernetes, SECTION + ".kubernetes", "serviceDns", serviceDns));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("enabled", enabled)
        .put("name", name)
        .put("host", host)
        .put("port", port)
        .put("eventBusPort", eventBusPort)
        .put("members", new JsonArray(new ArrayList<>(members)))
        .put("memberTimeoutSeconds", memberTimeoutSeconds)
        .put("kubernetes", new JsonObject().put("serviceDns", serviceDns));
  }

  public boolean isEnabled() {
    return enabled;
  }

  public ClusterOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public String getName() {
    return name;
  }

  public ClusterOptions setName(String name) {
    this.name = JsonFields.notBlank(SECTION + ".name", name);
    return this;
  }

  public String getHost() {
    return host;
  }

  public ClusterOptions setHost(String host) {
    this.host = JsonFields.notBlank(SECTION + ".host", host);
    return this;
  }

  public int getPort() {
    return port;
  }

  public ClusterOptions setPort(int port) {
    this.port = JsonFields.range(SECTION + ".port", port, 1, 65_535);
    return this;
  }

  public int getEventBusPort() {
    return eventBusPort;
  }

  public ClusterOptions setEventBusPort(int eventBusPort) {
    this.eventBusPort = JsonFields.port(SECTION + ".eventBusPort", eventBusPort);
    return this;
  }

  /** {@code host:port} of other members (their {@code cluster.port}). */
  public List<String> getMembers() {
    return members;
  }

  public ClusterOptions setMembers(List<String> members) {
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      boolean valid = colon > 0 && colon < member.length() - 1;
      if (valid) {
        try {
          JsonFields.range(SECTION + ".members", Integer.parseInt(member.substring(colon + 1)), 1, 65_535);
        } catch (NumberFormatException e) {
          valid = false;
        }
      }
      if (!valid) {
        throw new ConfigException(SECTION + ".members", "expected HOST:PORT entries, got \"" + member + "\"");
      }
    }
    this.members = new ArrayList<>(members);
    return this;
  }

  public int getMemberTimeoutSeconds() {
    return memberTimeoutSeconds;
  }

  public ClusterOptions setMemberTimeoutSeconds(int memberTimeoutSeconds) {
    this.memberTimeoutSeconds = JsonFields.range(SECTION + ".memberTimeoutSeconds", memberTimeoutSeconds, 2, 600);
    return this;
  }

  /** DNS name of the headless Service listing the pods (Kubernetes discovery); empty = not used. */
  public String getServiceDns() {
    return serviceDns;
  }

  public ClusterOptions setServiceDns(String serviceDns) {
    this.serviceDns = serviceDns == null ? "" : serviceDns.trim();
    return this;
  }
}
