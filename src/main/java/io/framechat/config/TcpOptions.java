package io.framechat.config;

import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/** Options of the framed TCP listener, the {@code tcp} section of the configuration. */
public final class TcpOptions extends JsonSection {

  public static final String SECTION = "tcp";
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** The port of the classic socket tutorials framechat replaces. */
  public static final int DEFAULT_PORT = 9001;
  public static final HeaderByteOrder DEFAULT_BYTE_ORDER = HeaderByteOrder.BIG;
  /** Largest accepted frame body; a bigger declared length is refused before any body is read. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
  /** Upper bound for {@code maxFrameBytes}: one client must not be able to pin more heap than this. */
  public static final int MAX_FRAME_BYTES_LIMIT = 64 * 1024 * 1024;
  /** Seconds without any frame from a client (0 = never) before it is sent {@code bye} and closed. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 300;
  /** Event-loop instances of the TCP verticle; 0 = one per CPU core. */
  public static final int DEFAULT_INSTANCES = 0;
  /** Bytes the server holds unsent for one client before it is cut off as a slow consumer. */
  public static final int DEFAULT_SEND_QUEUE_BYTES = 1_048_576;
  /**
   * What happens to a client whose unsent bytes stay over {@code sendQueueBytes}: {@code disconnect}
   * it, or {@code drop} its messages (counted) until it catches up. Either way it is told.
   */
  public static final String DEFAULT_SLOW_CONSUMER = "disconnect";

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private HeaderByteOrder byteOrder = DEFAULT_BYTE_ORDER;
  private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private int instances = DEFAULT_INSTANCES;
  private int sendQueueBytes = DEFAULT_SEND_QUEUE_BYTES;
  private String slowConsumer = DEFAULT_SLOW_CONSUMER;

  public TcpOptions() {
  }

  public TcpOptions(TcpOptions other) {
    this(other.toJson());
  }

  public TcpOptions(JsonObject json) {
    setHost(JsonFields.getString(json, SECTION, "host", host));
    setPort(JsonFields.getInt(json, SECTION, "port", port));
    String order = JsonFields.getString(json, SECTION, "byteOrder", byteOrder.configName());
    try {
      setByteOrder(HeaderByteOrder.fromConfig(order));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(SECTION + ".byteOrder", e.getMessage());
    }
    setMaxFrameBytes(JsonFields.getInt(json, SECTION, "maxFrameBytes", maxFrameBytes));
    setIdleTimeoutSeconds(JsonFields.getInt(json, SECTION, "idleTimeoutSeconds", idleTimeoutSeconds));
    setInstances(JsonFields.getInt(json, SECTION, "instances", instances));
    setSendQueueBytes(JsonFields.getInt(json, SECTION, "sendQueueBytes", sendQueueBytes));
    setSlowConsumer(JsonFields.getString(json, SECTION, "slowConsumer", slowConsumer));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("byteOrder", byteOrder.configName())
        .put("maxFrameBytes", maxFrameBytes)
        .put("idleTimeoutSeconds", idleTimeoutSeconds)
        .put("instances", instances)
        .put("sendQueueBytes", sendQueueBytes)
        .put("slowConsumer", slowConsumer);
  }

  public String getHost() {
    return host;
  }

  public TcpOptions setHost(String host) {
    this.host = JsonFields.notBlank(SECTION + ".host", host);
    return this;
  }

  public int getPort() {
    return port;
  }

  public TcpOptions setPort(int port) {
    this.port = JsonFields.port(SECTION + ".port", port);
    return this;
  }

  public HeaderByteOrder getByteOrder() {
    return byteOrder;
  }

  public TcpOptions setByteOrder(HeaderByteOrder byteOrder) {
    this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
    return this;
  }

  public int getMaxFrameBytes() {
    return maxFrameBytes;
  }

  public TcpOptions setMaxFrameBytes(int maxFrameBytes) {
    this.maxFrameBytes = JsonFields.range(SECTION + ".maxFrameBytes", maxFrameBytes, 1, MAX_FRAME_BYTES_LIMIT);
    return this;
  }

  public int getIdleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  public TcpOptions setIdleTimeoutSeconds(int idleTimeoutSeconds) {
    this.idleTimeoutSeconds = JsonFields.nonNegative(SECTION + ".idleTimeoutSeconds", idleTimeoutSeconds);
    return this;
  }

  public int getInstances() {
    return instances;
  }

  /** The instance count to deploy: {@link #getInstances()}, or the number of cores when that is 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  public TcpOptions setInstances(int instances) {
    this.instances = JsonFields.range(SECTION + ".instances", instances, 0, 1024);
    return this;
  }

  public int getSendQueueBytes() {
    return sendQueueBytes;
  }

  public TcpOptions setSendQueueBytes(int sendQueueBytes) {
    this.sendQueueBytes = JsonFields.range(SECTION + ".sendQueueBytes", sendQueueBytes, 1024, Integer.MAX_VALUE);
    return this;
  }

  public String getSlowConsumer() {
    return slowConsumer;
  }

  /** True when a slow consumer's messages are dropped rather than the client disconnected. */
  public boolean dropsSlowConsumers() {
    return "drop".equals(slowConsumer);
  }

  public TcpOptions setSlowConsumer(String slowConsumer) {
    if (!"disconnect".equals(slowConsumer) && !"drop".equals(slowConsumer)) {
      throw new ConfigException(SECTION + ".slowConsumer", "must be \"disconnect\" or \"drop\", got \"" + slowConsumer + "\"");
    }
    this.slowConsumer = slowConsumer;
    return this;
  }
}
