package io.framechat.chat;

import io.framechat.bans.BanList;
import io.framechat.bus.EndpointRef;
import io.framechat.bus.Inbound;
import io.framechat.bus.Op;
import io.framechat.config.FramechatConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CommandParser;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's chat with no I/O: clients are handles, requests go straight to the hub, and a flush
 * hands the ops to the gateways they were addressed to, which apply them as the real ones do
 * (members per room, in order). Frames each client received can then be read back as JSON.
 */
final class ChatDriver {

  private final Outbox out;
  private final ChatHub hub;
  private final CommandParser parser = new CommandParser();
  private final Map<Long, EndpointRef> clients = new HashMap<>();
  private final Map<Long, List<JsonObject>> received = new HashMap<>();
  private final Map<Long, Set<String>> roomsOf = new HashMap<>();
  private final Set<Long> closed = new HashSet<>();
  /** The bans the chat consults; tests put theirs in. */
  final BanList bans = new BanList();
  /** The byes a drain has in store, by client. */
  private final Map<Long, FrameBatch> byes = new HashMap<>();
  private long nextId;
  /** Whether the outbox asked for a flush since the last one (it asks by itself when given something). */
  boolean flushAsked;

  ChatDriver(Peers peers) {
    this(peers, new LocalSequencer());
  }

  /** A node whose messages the given sequencer numbers (and whose rooms it loads). */
  ChatDriver(Peers peers, Sequencer sequencer) {
    out = new Outbox(new FrameEncoder(HeaderByteOrder.BIG), peers, () -> flushAsked = true);
    hub = new ChatHub(() -> FramechatConfig.DEFAULTS, null, bans, out, peers, sequencer, MessageStore.NONE,
        ReadPositions.inMemory(), new ChatMetrics(new SimpleMeterRegistry()), () -> 1_700_000_000_000L, Naming.singleNode("t"));
    sequencer.start(hub.sink());
  }

  ChatDriver() {
    this(Peers.NONE);
  }

  /** A new TCP client on {@code gateway}; returns its id. */
  long connect(String gateway) {
    return connect(gateway, "tcp");
  }

  /** A new client of {@code transport} ({@code tcp}, {@code udp}) on {@code gateway}; returns its id. */
  long connect(String gateway, String transport) {
    long id = ++nextId;
    EndpointRef ref = new EndpointRef(id, gateway, transport, "192.0.2.1:" + id);
    clients.put(id, ref);
    received.put(id, new ArrayList<>());
    hub.handle(new Inbound.Connected(ref));
    return id;
  }

  /** Bodies from the client, as its transport would hand them on, in one go. */
  ChatDriver send(long client, String... bodies) {
    for (String body : bodies) {
      hub.handle(new Inbound.Received(client, parser.parse(Buffer.buffer(body))));
    }
    return this;
  }

  void handle(Inbound item) {
    hub.handle(item);
  }

  /** The peers have something of their own to send: they ask for a flush, as a cluster link does. */
  void peersChanged() {
    hub.fromPeers().changed();
  }

  /** What the broadcast verticle does at a flush: each gateway addressed applies the ops. */
  ChatDriver flush() {
    if (!out.isEmpty() && !flushAsked) {
      throw new AssertionError("the outbox holds ops but asked for no flush");
    }
    flushAsked = false;
    Outbox.Taken taken = out.take();
    for (String gateway : taken.gateways()) {
      taken.batch().ops().forEach(op -> apply(gateway, op));
    }
    return this;
  }

  /** Starts a drain, as the broadcast verticle does on stop; the gateways' byes wait for {@link #endDrain()}. */
  ChatDriver drain() {
    hub.drain(10, () -> { });
    return this;
  }

  /** The end of the drain window: every client of a gateway told to drain has had its bye. */
  ChatDriver endDrain() {
    byes.forEach((id, bye) -> {
      if (!closed.contains(id)) {
        deliver(id, bye);
        closed.add(id);
      }
    });
    byes.clear();
    return this;
  }

  private void apply(String gateway, Op op) {
    if (op instanceof Op.Drain drain) {
      clients.values().stream().filter(ref -> ref.gateway().equals(gateway))
          .forEach(ref -> byes.put(ref.id(), drain.bye()));
      return;
    }
    if (op instanceof Op.ToRoom toRoom) {
      clients.values().stream()
          .filter(ref -> ref.gateway().equals(gateway) && roomsOf.getOrDefault(ref.id(), Set.of()).contains(toRoom.room()))
          .forEach(ref -> deliver(ref.id(), toRoom.frames()));
      return;
    }
    long id = ((Op.ForEndpoint) op).endpoint();
    if (!clients.get(id).gateway().equals(gateway) || closed.contains(id)) {
      return;
    }
    if (op instanceof Op.ToClient toClient) {
      deliver(id, toClient.frames());
    } else if (op instanceof Op.Joined joined) {
      roomsOf.computeIfAbsent(id, i -> new HashSet<>()).add(joined.room());
    } else if (op instanceof Op.Left left) {
      roomsOf.getOrDefault(id, new HashSet<>()).remove(left.room());
    } else if (op instanceof Op.Close close) {
      deliver(id, close.last());
      roomsOf.remove(id);
      closed.add(id);
    }
  }

  private void deliver(long id, FrameBatch frames) {
    for (int i = 0; i < frames.count(); i++) {
      received.get(id).add(new JsonObject(frames.body(i)));
    }
  }

  /** Every frame the client received since the last call, and forgets them. */
  List<JsonObject> take(long client) {
    List<JsonObject> frames = new ArrayList<>(received.get(client));
    received.get(client).clear();
    return frames;
  }

  /** The frames' types, with the most telling field: {@code message hi}, {@code error rate_limited}, {@code presence join bob}... */
  List<String> summary(long client) {
    return take(client).stream().map(ChatDriver::describe).toList();
  }

  static String describe(JsonObject frame) {
    String type = frame.getString("type");
    return switch (type) {
      case "message" -> "message " + frame.getString("text") + (frame.getBoolean("history", false) ? " (history)" : "");
      case "error" -> "error " + frame.getString("code");
      case "presence" -> "presence " + frame.getString("event") + " " + frame.getString("nick");
      case "bye" -> "bye " + frame.getString("reason");
      case "nick" -> "nick " + frame.getString("nick");
      case "joined", "left", "welcome" -> type + " " + frame.getString("room");
      default -> type;
    };
  }

  boolean closed(long client) {
    return closed.contains(client);
  }
}
