package io.framechat.config;

import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * The framed TCP listener, the {@code tcp} section.
 *
 * @param maxFrameBytes largest frame body; a bigger declared length is refused before any body is read
 * @param idleTimeoutSeconds a client silent this long (0 = never) gets {@code bye} and is closed
 * @param frameTimeoutSeconds a frame begun (its header, or part of it, arrived) must be complete
 *     within this long, or the client gets {@code frame_timeout} and is closed (0 = never)
 * @param instances event-loop instances of the TCP verticle; 0 = one per CPU core
 * @param sendQueueBytes unsent bytes held for one client before it is a slow consumer
 * @param slowConsumer what happens to a slow consumer
 * @param tls TLS on the listener (framing unchanged inside it)
 */
public record TcpOptions(String host, int port, HeaderByteOrder byteOrder, int maxFrameBytes,
    int idleTimeoutSeconds, int frameTimeoutSeconds, int instances, int sendQueueBytes,
    SlowConsumerPolicy slowConsumer, TlsOptions tls) {

  public static final String SECTION = "tcp";
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 9001;
  public static final HeaderByteOrder DEFAULT_BYTE_ORDER = HeaderByteOrder.BIG;
  public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
  /** Upper bound for {@code maxFrameBytes}: one client must not be able to pin more heap than this. */
  public static final int MAX_FRAME_BYTES_LIMIT = 64 * 1024 * 1024;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 300;
  public static final int DEFAULT_FRAME_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_INSTANCES = 0;
  public static final int DEFAULT_SEND_QUEUE_BYTES = 1_048_576;
  public static final SlowConsumerPolicy DEFAULT_SLOW_CONSUMER = SlowConsumerPolicy.DISCONNECT;

  public static final TcpOptions DEFAULTS = new TcpOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_BYTE_ORDER,
      DEFAULT_MAX_FRAME_BYTES, DEFAULT_IDLE_TIMEOUT_SECONDS, DEFAULT_FRAME_TIMEOUT_SECONDS, DEFAULT_INSTANCES,
      DEFAULT_SEND_QUEUE_BYTES,
      DEFAULT_SLOW_CONSUMER, TlsOptions.DEFAULTS);

  public TcpOptions {
    Checks.notBlank("tcp.host", host);
    Checks.port("tcp.port", port);
    Objects.requireNonNull(byteOrder, "tcp.byteOrder");
    Checks.range("tcp.maxFrameBytes", maxFrameBytes, 1, MAX_FRAME_BYTES_LIMIT);
    Checks.nonNegative("tcp.idleTimeoutSeconds", idleTimeoutSeconds);
    Checks.nonNegative("tcp.frameTimeoutSeconds", frameTimeoutSeconds);
    Checks.range("tcp.instances", instances, 0, 1024);
    Checks.range("tcp.sendQueueBytes", sendQueueBytes, 1024, Integer.MAX_VALUE);
    Objects.requireNonNull(slowConsumer, "tcp.slowConsumer");
    tls.check("tcp.tls");
  }

  /** The section from JSON, missing keys at their defaults. */
  public static TcpOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, TcpOptions.class);
  }

  /** The instance count to deploy: {@link #instances()}, or the number of cores when that is 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }
}
