package io.framechat.net;

import io.framechat.bus.Addresses;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.config.FramechatConfig;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.CommandParser;
import io.framechat.protocol.Parsed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The event-bus side of one network verticle instance. Upwards it hands what its endpoints report
 * (connects, commands, cut-offs, disconnects) to its {@link Upstream}, which sends one
 * {@link InboundBatch} per event-loop turn to the broadcast verticle and stops reading endpoints
 * while the chat is overloaded. Downwards it applies {@link OpBatch}es to the endpoints it owns,
 * found by id; it keeps the local members of each room ({@link LocalRooms}), so one
 * {@link Op.ToRoom} is written to every local member with no further event-bus message.
 *
 * <p>All methods run on the event loop of the verticle that created the gateway.
 */
public final class Gateway {

  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
  private static final AtomicLong ENDPOINT_IDS = new AtomicLong();

  private final Vertx vertx;
  private final Context context;
  private final NodeContext node;
  private final LiveConfig config;
  private final ChatMetrics metrics;
  private final ChatMetrics.Transport transport;
  private final String address = Addresses.GATEWAY_PREFIX + UUID.randomUUID();
  private final CommandParser parser = new CommandParser();
  private final Map<Long, Endpoint> endpoints = new HashMap<>();
  private final LocalRooms rooms = new LocalRooms();
  private final List<Endpoint> unflushed = new ArrayList<>();
  private final Upstream upstream;
  private MessageConsumer<OpBatch> consumer;
  private MessageConsumer<Object> counters;

  /** Call from the owning verticle's {@code start()}: the gateway binds to that verticle's context. */
  public Gateway(Vertx vertx, NodeContext node, ChatMetrics.Transport transport) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.node = node;
    this.config = node.config();
    this.metrics = node.metrics();
    this.transport = transport;
    this.upstream = new Upstream(vertx, context, node);
  }

  /** The configuration in force. */
  public FramechatConfig config() {
    return config.get();
  }

  /** The parser of this event loop. */
  CommandParser parser() {
    return parser;
  }

  /** Admits a stream client from {@code host} whose socket took {@code accepted} (or null) when it was accepted. */
  public Admission admit(String host, ConnectionLimits.Slot accepted) {
    return Admission.of(node, host, accepted, true, true);
  }

  /** Admits a new UDP session from {@code host}, which takes its place under the limits if {@code room} there is. */
  public Admission admitSession(String host, boolean room) {
    return Admission.of(node, host, null, false, room);
  }

  public ChatMetrics metrics() {
    return metrics;
  }

  /** The meters of this gateway's transport. */
  public ChatMetrics.Transport transportMetrics() {
    return transport;
  }

  /** A fresh endpoint id. */
  static long nextEndpointId() {
    return ENDPOINT_IDS.incrementAndGet();
  }

  public String address() {
    return address;
  }

  /** Starts receiving ops; completes once the consumer is registered. */
  public Future<Void> start() {
    consumer = vertx.eventBus().localConsumer(address, message -> apply(message.body()));
    counters = vertx.eventBus().localConsumer(address + Addresses.COUNTERS_SUFFIX, message -> {
      JsonObject all = new JsonObject();
      endpoints.forEach((id, endpoint) -> all.put(Long.toString(id), endpoint.counters()));
      message.reply(all);
    });
    return Future.join(consumer.completion(), counters.completion()).mapEmpty();
  }

  /** Whether the chat has more requests waiting than {@code limits.maxPendingRequests}. */
  public boolean overloaded() {
    return upstream.overloaded();
  }

  /** Stops receiving ops; what endpoints report from now on is dropped (the node is going down). */
  public Future<Void> stop() {
    upstream.stop();
    return consumer == null ? Future.succeededFuture() : Future.join(consumer.unregister(), counters.unregister())
        .mapEmpty();
  }

  /** The endpoints connected through this gateway. */
  public Collection<Endpoint> endpoints() {
    return endpoints.values();
  }

  /** The endpoints that have sent nothing since {@code cutoffMillis}. */
  public List<Endpoint> silentSince(long cutoffMillis) {
    List<Endpoint> silent = new ArrayList<>();
    for (Endpoint endpoint : endpoints.values()) {
      if (endpoint.lastHeardMillis() < cutoffMillis) {
        silent.add(endpoint);
      }
    }
    return silent;
  }

  public int size() {
    return endpoints.size();
  }

  public void connected(Endpoint endpoint) {
    endpoints.put(endpoint.id(), endpoint);
    transport.connected();
    submit(new Inbound.Connected(endpoint.ref()));
  }

  /**
   * A parsed body (or its parse error) from the endpoint, for the broadcast verticle to answer. Past
   * {@code limits.maxPendingRequests} not yet taken by the chat, the endpoint stops being read until
   * the chat has caught up with half of them.
   */
  void received(Endpoint endpoint, Parsed parsed) {
    transport.frameReceived();
    submit(new Inbound.Received(endpoint.id(), parsed));
    upstream.pauseIfOverloaded(endpoint);
  }

  /** The endpoint reads nothing more; the broadcast verticle closes it after the replies it owes. */
  void cutOff(Endpoint endpoint, CloseReason reason) {
    submit(new Inbound.CutOff(endpoint.id(), reason));
  }

  /** The endpoint is closed: forget it here at once, and tell the broadcast verticle. */
  public void disconnected(Endpoint endpoint, CloseReason reason) {
    if (endpoints.remove(endpoint.id()) != null) {
      transport.disconnected();
      endpoint.releaseSlot();
      rooms.leaveAll(endpoint);
      submit(new Inbound.Disconnected(endpoint.id(), reason));
    }
  }

  /**
   * Asks for {@link Endpoint#flush()} at the end of this event-loop turn, once however many frames
   * were sent to the endpoint meanwhile: one write system call per socket per turn.
   */
  public void flushLater(Endpoint endpoint) {
    if (unflushed.isEmpty()) {
      context.runOnContext(v -> flushEndpoints());
    }
    unflushed.add(endpoint);
  }

  private void flushEndpoints() {
    Endpoint[] due = unflushed.toArray(new Endpoint[0]);
    unflushed.clear();
    for (Endpoint endpoint : due) {
      try {
        endpoint.flush();
      } catch (RuntimeException e) {
        failed(endpoint, "flushing", e);
      }
    }
  }

  /**
   * What is done when handling one endpoint throws: the failure is logged once, with what failed,
   * that endpoint is closed, and the others of the turn go on as if nothing happened.
   */
  private void failed(Endpoint endpoint, String doing, RuntimeException e) {
    LOG.log(Level.WARNING, doing + " " + endpoint + " failed; closing it", e);
    try {
      endpoint.abort();
    } catch (RuntimeException again) {
      LOG.log(Level.WARNING, "closing " + endpoint + " failed too", again);
    }
    disconnected(endpoint, CloseReason.ERROR);
  }

  private void submit(Inbound item) {
    upstream.submit(item);
  }

  /**
   * Applies one batch of ops, in order (what its event-bus consumer does with each). An endpoint
   * whose handling throws is closed; the rest of the batch goes on.
   */
  void apply(OpBatch batch) {
    for (Op op : batch.ops()) {
      if (op instanceof Op.Drain drain) {
        drain(drain);
        continue;
      }
      if (op instanceof Op.ToRoom toRoom) {
        Endpoint[] recipients = rooms.members(toRoom.room());
        for (Endpoint endpoint : recipients) {
          try {
            endpoint.sendRoom(toRoom.frames());
          } catch (RuntimeException e) {
            failed(endpoint, "sending to", e);
          }
        }
        transport.delivered(recipients.length * toRoom.frames().count());
        continue;
      }
      Endpoint endpoint = open(((Op.ForEndpoint) op).endpoint());
      if (endpoint == null) {
        continue;
      }
      try {
        applyTo(endpoint, op);
      } catch (RuntimeException e) {
        failed(endpoint, "applying " + op.getClass().getSimpleName() + " to", e);
      }
    }
  }

  private void applyTo(Endpoint endpoint, Op op) {
    if (op instanceof Op.ToClient toClient) {
      endpoint.send(toClient.frames());
      transport.delivered(toClient.frames().count());
    } else if (op instanceof Op.Joined joined) {
      rooms.join(endpoint, joined.room());
    } else if (op instanceof Op.Left left) {
      rooms.leave(endpoint, left.room());
    } else if (op instanceof Op.Close close) {
      rooms.leaveAll(endpoint);
      endpoint.close(close.last(), close.reason());
    }
  }

  /** Says {@code bye} to every endpoint, each at its moment of the drain window, after all it was sent before. */
  private void drain(Op.Drain drain) {
    for (Endpoint endpoint : List.copyOf(endpoints.values())) {
      Drain.spread(vertx, drain.seconds(), () -> {
        if (endpoint.isOpen()) {
          rooms.leaveAll(endpoint);
          endpoint.close(drain.bye(), CloseReason.SHUTDOWN);
        }
      });
    }
  }

  /** The endpoint with this id, if this gateway owns it and it is open. */
  private Endpoint open(long id) {
    Endpoint endpoint = endpoints.get(id);
    return endpoint != null && endpoint.isOpen() ? endpoint : null;
  }
}
