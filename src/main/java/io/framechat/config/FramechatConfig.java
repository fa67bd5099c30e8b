package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration: one typed options object per section. Built from the nested JSON of
 * {@code conf/config.json}; every key has a default, so {@code new FramechatConfig(new JsonObject())}
 * equals {@code new FramechatConfig()}.
 */
public final class FramechatConfig extends JsonSection {

  private TcpOptions tcp = new TcpOptions();
  private UdpOptions udp = new UdpOptions();
  private HttpOptions http = new HttpOptions();
  private ChatOptions chat = new ChatOptions();
  private ServerOptions server = new ServerOptions();
  private ClusterOptions cluster = new ClusterOptions();
  private LimitsOptions limits = new LimitsOptions();

  public FramechatConfig() {
  }

  public FramechatConfig(FramechatConfig other) {
    this(other.toJson());
  }

  /** Reads every section; throws {@link ConfigException} naming the first bad key. */
  public FramechatConfig(JsonObject json) {
    tcp = new TcpOptions(JsonFields.getSection(json, TcpOptions.SECTION));
    udp = new UdpOptions(JsonFields.getSection(json, UdpOptions.SECTION));
    http = new HttpOptions(JsonFields.getSection(json, HttpOptions.SECTION));
    chat = new ChatOptions(JsonFields.getSection(json, ChatOptions.SECTION));
    server = new ServerOptions(JsonFields.getSection(json, ServerOptions.SECTION));
    cluster = new ClusterOptions(JsonFields.getSection(json, ClusterOptions.SECTION));
    limits = new LimitsOptions(JsonFields.getSection(json, LimitsOptions.SECTION));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put(TcpOptions.SECTION, tcp.toJson())
        .put(UdpOptions.SECTION, udp.toJson())
        .put(HttpOptions.SECTION, http.toJson())
        .put(ChatOptions.SECTION, chat.toJson())
        .put(ServerOptions.SECTION, server.toJson())
        .put(ClusterOptions.SECTION, cluster.toJson())
        .put(LimitsOptions.SECTION, limits.toJson());
  }

  /**
   * The keys of {@code json} that no section knows, as dotted paths ({@code tcp.prot}). The server
   * logs them as warnings: a typo must not go unnoticed, nor stop a server that a newer file configures.
   */
  public static List<String> unknownKeys(JsonObject json) {
    List<String> unknown = new ArrayList<>();
    collectUnknown(new FramechatConfig().toJson(), json, "", unknown);
    return unknown;
  }

  private static void collectUnknown(JsonObject known, JsonObject given, String prefix, List<String> out) {
    for (Map.Entry<String, Object> entry : given) {
      String path = prefix + entry.getKey();
      Object template = known.getValue(entry.getKey());
      if (template == null) {
        out.add(path);
      } else if (template instanceof JsonObject && entry.getValue() instanceof JsonObject) {
        collectUnknown((JsonObject) template, (JsonObject) entry.getValue(), path + ".", out);
      }
    }
  }

  public TcpOptions getTcp() {
    return tcp;
  }

  public FramechatConfig setTcp(TcpOptions tcp) {
    this.tcp = tcp;
    return this;
  }

  public UdpOptions getUdp() {
    return udp;
  }

  public FramechatConfig setUdp(UdpOptions udp) {
    this.udp = udp;
    return this;
  }

  public HttpOptions getHttp() {
    return http;
  }

  public FramechatConfig setHttp(HttpOptions http) {
    this.http = http;
    return this;
  }

  public ChatOptions getChat() {
    return chat;
  }

  public FramechatConfig setChat(ChatOptions chat) {
    this.chat = chat;
    return this;
  }

  public LimitsOptions getLimits() {
    return limits;
  }

  public FramechatConfig setLimits(LimitsOptions limits) {
    this.limits = limits;
    return this;
  }

  public ClusterOptions getCluster() {
    return cluster;
  }

  public FramechatConfig setCluster(ClusterOptions cluster) {
    this.cluster = cluster;
    return this;
  }

  public ServerOptions getServer() {
    return server;
  }

  public FramechatConfig setServer(ServerOptions server) {
    this.server = server;
    return this;
  }
}
