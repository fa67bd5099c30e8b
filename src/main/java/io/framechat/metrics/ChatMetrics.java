package io.framechat.metrics;

import io.framechat.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * framechat's own meters, beside Vert.x's in the same registry. Counters are incremented in bulk
 * where they are hot (one increment per batch written, not per recipient).
 */
public final class ChatMetrics {

  /** The meters of one transport ({@code tcp} or {@code udp}). */
  public static final class Transport {
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter framesReceived;
    private final Counter deliveries;
    private final Counter bytesIn;
    private final Counter bytesOut;

    private Transport(MeterRegistry registry, String transport) {
      Gauge.builder("framechat.connections", connections, AtomicInteger::get)
          .description("Connected clients (TCP connections, UDP sessions)").tag("transport", transport)
          .register(registry);
      framesReceived = Counter.builder("framechat.frames.received").description("Bodies received from clients")
          .tag("transport", transport).register(registry);
      deliveries = Counter.builder("framechat.deliveries").description("Frames sent to clients (one per recipient)")
          .tag("transport", transport).register(registry);
      bytesIn = Counter.builder("framechat.received").baseUnit("bytes").description("Bytes read from clients")
          .tag("transport", transport).register(registry);
      bytesOut = Counter.builder("framechat.sent").baseUnit("bytes").description("Bytes written to clients")
          .tag("transport", transport).register(registry);
    }

    public void connected() {
      connections.incrementAndGet();
    }

    public void disconnected() {
      connections.decrementAndGet();
    }

    public void received(int bytes) {
      bytesIn.increment(bytes);
    }

    public void frameReceived() {
      framesReceived.increment();
    }

    public void delivered(int frames) {
      deliveries.increment(frames);
    }

    public void sent(long bytes) {
      bytesOut.increment((double) bytes);
    }

    /** Connections, frames and bytes so far, for operators. */
    public JsonObject summary() {
      return new JsonObject().put("connections", connections.get()).put("framesIn", (long) framesReceived.count())
          .put("deliveries", (long) deliveries.count()).put("bytesIn", (long) bytesIn.count())
          .put("bytesOut", (long) bytesOut.count());
    }
  }

  private final MeterRegistry registry;
  private final Transport tcp;
  private final Transport udp;
  private final Transport ws;
  private final ClusterMeters cluster;
  private final Counter messages;
  private final Counter slowConsumers;
  private final Counter dropped;
  private final Counter replayed;
  private final Counter historyEvicted;
  @SuppressWarnings("UnusedVariable") // kept only to be referenced (Micrometer holds it weakly)
  private LongSupplier kernelDrops;
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final AtomicInteger rooms = new AtomicInteger();
  private final Map<String, Counter> udpDropped = new HashMap<>();

  /**
   * JVM meters whose Prometheus names break its conventions (a unit other than the base unit, a
   * {@code _count} suffix on a gauge): left out, so that {@code /metrics} passes {@code promtool}.
   */
  private static final Set<String> LEFT_OUT = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

  /** A registry for {@code /metrics}, with the meters that break Prometheus' conventions left out. */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.deny(id -> LEFT_OUT.contains(id.getName())));
    return registry;
  }

  public ChatMetrics(MeterRegistry registry) {
    this.registry = registry;
    tcp = new Transport(registry, "tcp");
    udp = new Transport(registry, "udp");
    ws = new Transport(registry, "ws");
    cluster = new ClusterMeters(registry);
    messages = Counter.builder("framechat.messages").description("Room messages said").register(registry);
    slowConsumers = Counter.builder("framechat.slow.consumers")
        .description("Clients found not reading (cut off, or messages dropped)").register(registry);
    dropped = Counter.builder("framechat.dropped")
        .description("Frame batches dropped for slow consumers (tcp.slowConsumer = drop)").register(registry);
    replayed = Counter.builder("framechat.history.replayed")
        .description("Messages sent again from room history (join, resume, history requests)").register(registry);
    historyEvicted = Counter.builder("framechat.history.evicted")
        .description("Messages dropped from history early to stay under chat.historyMaxBytes (largest rooms first)")
        .register(registry);
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, Counter.builder("framechat.errors").description("Error frames sent, by code")
          .tag("code", code.wireName()).register(registry));
    }
    Gauge.builder("framechat.rooms", rooms, AtomicInteger::get).description("Rooms on this node").register(registry);
    for (String reason : List.of("unvalidated", "session_id", "penalty", "overloaded", "send_queue")) {
      udpDropped.put(reason, Counter.builder("framechat.udp.dropped")
          .description("Datagrams dropped: unread (address not validated, wrong session id, flood penalty, chat"
              + " overloaded) or unsent (over udp.sendQueueBytes)")
          .tag("reason", reason).register(registry));
    }
  }

  /** What {@code /api/info} reports of this node: by transport, and the chat's totals. */
  public JsonObject summary() {
    return new JsonObject().put("tcp", tcp.summary()).put("udp", udp.summary()).put("ws", ws.summary())
        .put("rooms", rooms.get())
        .put("messages", (long) messages.count()).put("slowConsumers", (long) slowConsumers.count());
  }

  /** A socket refused at once when accepted, by listener and limit ({@code per_ip} or {@code total}). */
  public void connectionRefused(String listener, String limit) {
    Counter.builder("framechat.connections.refused").description("Sockets closed as accepted, over a connection limit")
        .tag("listener", listener).tag("limit", limit).register(registry).increment();
  }

  /** Room messages the store committed. */
  public void storeWritten(int messages) {
    Counter.builder("framechat.store.written").description("Room messages written to the store")
        .register(registry).increment(messages);
  }

  /** Room messages dropped from the store's queue (store.maxPendingMessages passed during an outage). */
  public void storeDropped(int messages) {
    Counter.builder("framechat.store.dropped")
        .description("Room messages never written to the store: its queue was full (store.maxPendingMessages)")
        .register(registry).increment(messages);
  }

  /** Read positions the store could not write (an outage: they are tried again) or dropped from a full queue. */
  public void storeReadsFailed(int positions) {
    Counter.builder("framechat.store.reads.failed")
        .description("Read positions not written to the store at once: tried again, or dropped past"
            + " store.maxPendingMessages").register(registry).increment(positions);
  }

  /** Old messages deleted from the store for its retention (per room, by age, or of all rooms together). */
  public void storePruned(int messages) {
    Counter.builder("framechat.store.pruned")
        .description("Messages deleted from the store past its retention (per room, by age, or store.maxMessages)")
        .register(registry).increment(messages);
  }

  /** Rooms whose rows the store forgot: no message left, not written for an hour. */
  public void storeRoomsForgotten(int rooms) {
    Counter.builder("framechat.store.rooms.forgotten")
        .description("Rooms the store forgot (no message left, not written for an hour): they start afresh when next used")
        .register(registry).increment(rooms);
  }

  /**
   * The store's queue, whether it can be written and the messages it holds in all rooms (as last
   * counted, once a minute; -1 before the first count), read when scraped.
   */
  public void store(IntSupplier pending, BooleanSupplier up, LongSupplier held) {
    Gauge.builder("framechat.store.messages", held, LongSupplier::getAsLong)
        .description("Room messages the store holds, as counted once a minute (-1 before the first count)")
        .strongReference(true).register(registry);
    Gauge.builder("framechat.store.pending", pending, IntSupplier::getAsInt)
        .description("Room messages waiting to be written to the store").strongReference(true).register(registry);
    Gauge.builder("framechat.store.up", up, u -> u.getAsBoolean() ? 1 : 0)
        .description("1 while the store can be written, 0 during an outage").strongReference(true).register(registry);
  }

  /** A TLS handshake on a listener that failed or did not end within {@code limits.handshakeTimeoutSeconds}. */
  public void tlsHandshakeFailed(String listener) {
    Counter.builder("framechat.tls.handshakes.failed").description("TLS handshakes that failed or timed out, by listener")
        .tag("listener", listener).register(registry).increment();
  }

  /** An HTTP connection closed for not finishing a request head within {@code limits.handshakeTimeoutSeconds}. */
  public void httpHeadTimedOut() {
    Counter.builder("framechat.http.heads.timed.out")
        .description("HTTP connections closed for a request head not finished in time").register(registry).increment();
  }

  /** An operator's action through the admin API ({@code publish}, {@code disconnect}, {@code ban}, {@code unban}). */

  public void adminAction(String action) {
    Counter.builder("framechat.admin.actions").description("Actions taken through the admin API, by action")
        .tag("action", action).register(registry).increment();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The cluster's meters. */
  public ClusterMeters cluster() {
    return cluster;
  }

  public Transport tcp() {
    return tcp;
  }

  public Transport udp() {
    return udp;
  }

  public Transport ws() {
    return ws;
  }

  public void messageSaid() {
    messages.increment();
  }

  public void error(ErrorCode code) {
    errors.get(code).increment();
    if (code == ErrorCode.SLOW_CONSUMER) {
      slowConsumers.increment();
    }
  }

  public void dropped(int batches) {
    dropped.increment(batches);
  }

  public void replayed(int messages) {
    replayed.increment(messages);
  }

  public void rooms(int count) {
    rooms.set(count);
  }

  /** A datagram dropped before it reached a session: {@code unvalidated}, {@code session_id}, {@code penalty}. */
  public void udpDropped(String reason) {
    udpDropped.get(reason).increment();
  }

  /** Datagrams the kernel dropped on the UDP socket (its receive buffer was full), read when scraped. */
  public void udpKernelDrops(LongSupplier drops) {
    // Micrometer holds what a function counter reads weakly: these meters keep it alive
    kernelDrops = drops;
    FunctionCounter.builder("framechat.udp.kernel.drops", drops, LongSupplier::getAsLong)
        .description("Datagrams the kernel dropped on the UDP socket for want of room in its receive buffer")
        .register(registry);
  }

  /** Bytes the rooms' history holds on this node. */
  public void historyBytes(LongSupplier bytes) {
    Gauge.builder("framechat.history.bytes", bytes, LongSupplier::getAsLong).strongReference(true).baseUnit("bytes")
        .description("Bytes the rooms' history holds (bounded by chat.historyMaxBytes)").register(registry);
  }

  /** Messages that left the history early, to keep it under {@code chat.historyMaxBytes}. */
  public void historyEvicted(int messages) {
    historyEvicted.increment(messages);
  }
}
