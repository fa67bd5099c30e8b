package io.framechat.net;

import io.framechat.bus.Addresses;
import io.framechat.bus.Inbound;
import io.framechat.bus.InboundBatch;
import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.config.FramechatConfig;
import io.framechat.config.LiveConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.Parsed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event-bus side of one network verticle instance. Upwards it batches what its endpoints
 * report (connects, commands, disconnects) into one {@link InboundBatch} per event-loop turn for the
 * broadcast verticle. Downwards it applies {@link OpBatch}es: it keeps the local members of each
 * room, so one {@link Op.ToRoom} is written to every local member with no further event-bus message.
 *
 * <p>All methods run on the event loop of the verticle that created the gateway.
 */
public final class Gateway {

  private static final AtomicLong ENDPOINT_IDS = new AtomicLong();
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final Context context;
  private final LiveConfig config;
  private final ConnectionLimits limits;
  private final ChatMetrics metrics;
  private final ChatMetrics.Transport transport;
  private final String address = Addresses.GATEWAY_PREFIX + UUID.randomUUID();
  private final Map<Long, Endpoint> endpoints = new HashMap<>();
  private final Map<Endpoint, Set<String>> roomsOf = new HashMap<>();
  private final Map<String, Members> rooms = new HashMap<>();
  private List<Inbound> pending;
  private final List<Endpoint> unflushed = new ArrayList<>();
  private MessageConsumer<OpBatch> consumer;
  private boolean stopped;

  /** Call from the owning verticle's {@code start()}: the gateway binds to that verticle's context. */
  public Gateway(Vertx vertx, LiveConfig config, ConnectionLimits limits, ChatMetrics metrics,
      ChatMetrics.Transport transport) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.limits = limits;
    this.metrics = metrics;
    this.transport = transport;
  }

  /** The configuration in force. */
  public FramechatConfig config() {
    return config.get();
  }

  /** Counts a new client from {@code host} against the connection limits; false when over. */
  public boolean admit(String host) {
    return limits.tryOpen(host);
  }

  /** A client admitted from {@code host} is closing. */
  void released(String host) {
    limits.closed(host);
  }

  public ChatMetrics metrics() {
    return metrics;
  }

  /** The meters of this gateway's transport. */
  public ChatMetrics.Transport transportMetrics() {
    return transport;
  }

  /** A fresh endpoint id. */
  public static long nextEndpointId() {
    return ENDPOINT_IDS.incrementAndGet();
  }

  public String address() {
    return address;
  }

  /** Starts receiving ops; completes once the consumer is registered. */
  public Future<Void> start() {
    consumer = vertx.eventBus().localConsumer(address, message -> apply(message.body()));
    return consumer.completion();
  }

  /** Stops receiving ops; what endpoints report from now on is dropped (the node is going down). */
  public Future<Void> stop() {
    stopped = true;
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
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
    submit(new Inbound.Connected(endpoint));
  }

  /** A parsed body (or its parse error) from the endpoint, for the broadcast verticle to answer. */
  public void received(Endpoint endpoint, Parsed parsed) {
    transport.frameReceived();
    submit(new Inbound.Received(endpoint, parsed));
  }

  /** The endpoint is closed: forget it here at once, and tell the broadcast verticle. */
  public void disconnected(Endpoint endpoint, String reason) {
    if (endpoints.remove(endpoint.id()) != null) {
      transport.disconnected();
      endpoint.releaseSlot();
      leaveAll(endpoint);
      submit(new Inbound.Disconnected(endpoint, reason));
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
      endpoint.flush();
    }
  }

  private void submit(Inbound item) {
    if (stopped) {
      return;
    }
    if (pending == null) {
      pending = new ArrayList<>();
      context.runOnContext(v -> flush());
    }
    pending.add(item);
  }

  private void flush() {
    InboundBatch batch = new InboundBatch(pending);
    pending = null;
    if (!stopped) {
      vertx.eventBus().send(Addresses.HUB, batch, LOCAL);
    }
  }

  private void apply(OpBatch batch) {
    for (Op op : batch.ops()) {
      if (op instanceof Op.ToRoom toRoom) {
        Members members = rooms.get(toRoom.room());
        if (members != null) {
          Endpoint[] recipients = members.snapshot();
          for (Endpoint endpoint : recipients) {
            endpoint.sendRoom(toRoom.frames());
          }
          transport.delivered(recipients.length * toRoom.frames().count());
        }
      } else if (op instanceof Op.ToClient toClient) {
        if (owns(toClient.endpoint())) {
          toClient.endpoint().send(toClient.frames());
          transport.delivered(toClient.frames().count());
        }
      } else if (op instanceof Op.Joined joined) {
        if (owns(joined.endpoint())) {
          join(joined.endpoint(), joined.room());
        }
      } else if (op instanceof Op.Left left) {
        if (owns(left.endpoint())) {
          leave(left.endpoint(), left.room());
        }
      } else if (op instanceof Op.Close close) {
        if (owns(close.endpoint())) {
          leaveAll(close.endpoint());
          close.endpoint().close(close.last(), close.reason());
        }
      }
    }
  }

  private boolean owns(Endpoint endpoint) {
    return endpoint.gateway() == this && endpoint.isOpen();
  }

  private void join(Endpoint endpoint, String room) {
    if (roomsOf.computeIfAbsent(endpoint, e -> new HashSet<>()).add(room)) {
      rooms.computeIfAbsent(room, r -> new Members()).add(endpoint);
    }
  }

  private void leave(Endpoint endpoint, String room) {
    Set<String> held = roomsOf.get(endpoint);
    if (held != null && held.remove(room)) {
      removeMember(endpoint, room);
    }
  }

  private void leaveAll(Endpoint endpoint) {
    Set<String> held = roomsOf.remove(endpoint);
    if (held != null) {
      for (String room : held) {
        removeMember(endpoint, room);
      }
    }
  }

  private void removeMember(Endpoint endpoint, String room) {
    Members members = rooms.get(room);
    if (members != null) {
      members.remove(endpoint);
      if (members.isEmpty()) {
        rooms.remove(room);
      }
    }
  }
}
