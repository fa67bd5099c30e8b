package io.framechat.config;

import io.vertx.core.json.JsonObject;

/**
 * Flood control and connection caps, the {@code limits} section. Every frame a client sends (say,
 * join, nick change, anything but a zero-length keepalive) takes a token from its bucket.
 */
public final class LimitsOptions extends JsonSection {

  public static final String SECTION = "limits";
  /** Tokens a client's bucket regains per second: its sustained message rate. */
  public static final int DEFAULT_MESSAGES_PER_SECOND = 20;
  /** Bucket size: how many frames a client may send at once after a quiet spell. */
  public static final int DEFAULT_BURST = 40;
  /** Frames refused (rate_limited) before the bucket is full again; one more and the client is cut off. */
  public static final int DEFAULT_MAX_VIOLATIONS = 50;
  /** TCP connections and UDP sessions together. */
  public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 200;

  private int messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
  private int burst = DEFAULT_BURST;
  private int maxViolations = DEFAULT_MAX_VIOLATIONS;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;

  public LimitsOptions() {
  }

  public LimitsOptions(LimitsOptions other) {
    this(other.toJson());
  }

  public LimitsOptions(JsonObject json) {
    setMessagesPerSecond(JsonFields.getInt(json, SECTION, "messagesPerSecond", messagesPerSecond));
    setBurst(JsonFields.getInt(json, SECTION, "burst", burst));
    setMaxViolations(JsonFields.getInt(json, SECTION, "maxViolations", maxViolations));
    setMaxConnections(JsonFields.getInt(json, SECTION, "maxConnections", maxConnections));
    setMaxConnectionsPerIp(JsonFields.getInt(json, SECTION, "maxConnectionsPerIp", maxConnectionsPerIp));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("messagesPerSecond", messagesPerSecond)
        .put("burst", burst)
        .put("maxViolations", maxViolations)
        .put("maxConnections", maxConnections)
        .put("maxConnectionsPerIp", maxConnectionsPerIp);
  }

  public int getMessagesPerSecond() {
    return messagesPerSecond;
  }

  public LimitsOptions setMessagesPerSecond(int messagesPerSecond) {
    this.messagesPerSecond = JsonFields.positive(SECTION + ".messagesPerSecond", messagesPerSecond);
    return this;
  }

  public int getBurst() {
    return burst;
  }

  public LimitsOptions setBurst(int burst) {
    this.burst = JsonFields.positive(SECTION + ".burst", burst);
    return this;
  }

  public int getMaxViolations() {
    return maxViolations;
  }

  public LimitsOptions setMaxViolations(int maxViolations) {
    this.maxViolations = JsonFields.positive(SECTION + ".maxViolations", maxViolations);
    return this;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  public LimitsOptions setMaxConnections(int maxConnections) {
    this.maxConnections = JsonFields.positive(SECTION + ".maxConnections", maxConnections);
    return this;
  }

  public int getMaxConnectionsPerIp() {
    return maxConnectionsPerIp;
  }

  public LimitsOptions setMaxConnectionsPerIp(int maxConnectionsPerIp) {
    this.maxConnectionsPerIp = JsonFields.positive(SECTION + ".maxConnectionsPerIp", maxConnectionsPerIp);
    return this;
  }
}
