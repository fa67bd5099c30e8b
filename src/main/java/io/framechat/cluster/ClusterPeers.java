package io.framechat.cluster;

import io.framechat.chat.HistorySlice;
import io.framechat.chat.PeerEvents;
import io.framechat.chat.Peers;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.AsyncMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The other nodes of the cluster, for one node's broadcast verticle. Once per flush it publishes
 * one binary batch to every node: the room frames its clients produced (encoded once; each node
 * fans them out to its own members) and its membership deltas, which every node applies to a
 * replicated view used for {@code who}, {@code rooms}, presence sizes and whisper routing. Chosen
 * nicks are claimed in a cluster-wide map. When a node dies, each survivor announces its members'
 * departure to its own clients and frees their nicks.
 *
 * <p>Everything runs on the broadcast verticle's event loop.
 */
public final class ClusterPeers implements Peers {

  /** Where every node publishes its batches. */
  public static final String BROADCAST = "framechat.cluster";
  private static final String NODE_PREFIX = "framechat.cluster.node.";
  private static final Logger LOG = Logger.getLogger(ClusterPeers.class.getName());

  private static final byte CONNECTED = 1;
  private static final byte JOINED = 2;
  private static final byte LEFT = 3;
  private static final byte RENAMED = 4;
  private static final byte GONE = 5;
  private static final byte FRAMES = 6;
  private static final byte STAMPED = 7;
  private static final byte TO_CLIENT = 1;
  private static final byte SNAPSHOT = 2;
  private static final byte SEQUENCE = 3;
  private static final long SNAPSHOT_RETRY_MS = 500;
  /** How long a room's sequencer has to store forwarded messages before they are sent again. */
  private static final long SEQUENCE_TIMEOUT_MS = 3000;
  /** Tries to have a message sequenced (the sequencer may die meanwhile: the next owner takes over). */
  private static final int SEQUENCE_ATTEMPTS = 3;

  private final Vertx vertx;
  private final ClusterMembership membership;
  private final HeaderByteOrder byteOrder;
  private final String node;
  private final NodeView self;
  private final Map<String, NodeView> nodes = new HashMap<>();
  private final Map<String, RemoteClient> nickIndex = new HashMap<>();
  private final Map<String, Integer> roomCounts = new HashMap<>();
  private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
  private AsyncMap<String, String> nickRegistry;
  private SharedHistory shared;
  private RoomSequencer sequencer;
  private FrameEncoder encoder;
  /** Messages for other nodes' sequencers, sent at the next flush. */
  private final Map<String, List<Forwarded>> forwards = new HashMap<>();
  private PeerEvents events;
  private Context context;
  private Buffer pending = Buffer.buffer();
  private int pendingItems;
  private long seq;
  private boolean sweeping;

  public ClusterPeers(Vertx vertx, ClusterMembership membership, HeaderByteOrder byteOrder) {
    this.vertx = vertx;
    this.membership = membership;
    this.byteOrder = byteOrder;
    this.node = membership.nodeId();
    this.self = new NodeView(node);
  }

  public String nodeId() {
    return node;
  }

  /**
   * Starts listening and asks every current node for a snapshot of what it holds. Call from the
   * broadcast verticle's start, on its context.
   */
  public Future<Void> start(PeerEvents events) {
    this.events = events;
    this.context = vertx.getOrCreateContext();
    this.encoder = new FrameEncoder(byteOrder);
    this.shared = new SharedHistory(membership.hazelcast(), context);
    this.sequencer = new RoomSequencer(shared, this::stampedHere);
    consumers.add(vertx.eventBus().consumer(BROADCAST, this::onBatch));
    consumers.add(vertx.eventBus().consumer(NODE_PREFIX + node, this::onDirect));
    membership.onNodeLeft(left -> context.runOnContext(v -> nodeLeft(left)));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> vertx.sharedData().<String, String>getAsyncMap("framechat.nicks"))
        .map(map -> {
          nickRegistry = map;
          for (String other : membership.nodes()) {
            if (!other.equals(node)) {
              requestSnapshot(view(other));
            }
          }
          return null;
        });
  }

  public Future<Void> stop() {
    flush();
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** Publishes what this turn produced, as one batch; nothing when there is nothing. */
  public void flush() {
    if (!forwards.isEmpty()) {
      forwards.forEach(this::forward);
      forwards.clear();
    }
    if (pendingItems == 0) {
      return;
    }
    Buffer batch = Buffer.buffer(pending.length() + 64);
    Wire.writeString(batch, node);
    batch.appendLong(++seq).appendInt(pendingItems).appendBuffer(pending);
    pending = Buffer.buffer();
    pendingItems = 0;
    vertx.eventBus().publish(BROADCAST, batch);
  }

  // ---- Peers: queries ----

  @Override
  public int members(String room) {
    return roomCounts.getOrDefault(room, 0);
  }

  @Override
  public void nicks(String room, List<String> into) {
    for (NodeView view : nodes.values()) {
      view.nicks(room, into);
    }
  }

  @Override
  public void roomCounts(Map<String, Integer> into) {
    roomCounts.forEach((room, count) -> into.merge(room, count, Integer::sum));
  }

  @Override
  public RemoteClient find(String nickKey) {
    return nickIndex.get(nickKey);
  }

  @Override
  public boolean clustered() {
    return true;
  }

  // ---- Peers: nick registry ----

  @Override
  public Future<Boolean> claim(String nickKey, long client) {
    String owner = owner(node, client);
    return nickRegistry.putIfAbsent(nickKey, owner).compose(existing -> {
      if (existing == null || existing.equals(owner)) {
        return Future.succeededFuture(true);
      }
      String holder = existing.substring(0, existing.lastIndexOf('/'));
      if (membership.nodes().contains(holder)) {
        return Future.succeededFuture(false);
      }
      // held by a node that is gone: the entry is stale
      return nickRegistry.replaceIfPresent(nickKey, existing, owner);
    });
  }

  @Override
  public void release(String nickKey, long client) {
    nickRegistry.removeIfPresent(nickKey, owner(node, client));
  }

  private static String owner(String node, long client) {
    return node + "/" + client;
  }

  // ---- Peers: deltas and frames out ----

  @Override
  public void connected(long client, String nick) {
    self.members.put(client, new NodeView.Member(nick));
    item(CONNECTED).appendLong(client);
    Wire.writeString(pending, nick);
  }

  @Override
  public void joined(long client, String room) {
    add(self, client, room);
    item(JOINED).appendLong(client);
    Wire.writeString(pending, room);
  }

  @Override
  public void left(long client, String room) {
    remove(self, client, room);
    item(LEFT).appendLong(client);
    Wire.writeString(pending, room);
  }

  @Override
  public void renamed(long client, String nick) {
    NodeView.Member member = self.members.get(client);
    if (member != null) {
      member.nick = nick;
    }
    item(RENAMED).appendLong(client);
    Wire.writeString(pending, nick);
  }

  @Override
  public void gone(long client) {
    drop(self, client);
    item(GONE).appendLong(client);
  }

  @Override
  public void roomFrames(String room, FrameBatch frames) {
    item(FRAMES);
    Wire.writeString(pending, room);
    Wire.writeFrames(pending, frames, byteOrder);
  }

  @Override
  public void toClient(RemoteClient to, FrameBatch frames) {
    Buffer message = Buffer.buffer().appendByte(TO_CLIENT).appendLong(to.client());
    Wire.writeFrames(message, frames, byteOrder);
    vertx.eventBus().send(NODE_PREFIX + to.node(), message);
  }

  // ---- Peers: room sequence and shared history ----

  /** A message waiting to be sequenced by another node. */
  private record Forwarded(String room, RoomSequencer.Pending message, int attempt, Promise<Void> done) {
  }

  @Override
  public Future<Void> sequence(String room, String id, Buffer body) {
    Promise<Void> done = Promise.promise();
    sequence(new Forwarded(room, new RoomSequencer.Pending(id, body), 1, done));
    return done.future();
  }

  private void sequence(Forwarded message) {
    String owner = shared.owner(message.room());
    if (owner == null || owner.equals(node) || !membership.nodes().contains(owner)) {
      sequencer.append(message.room(), List.of(message.message())).onComplete(message.done());
    } else {
      forwards.computeIfAbsent(owner, o -> new ArrayList<>()).add(message);
      events.changed();
    }
  }

  /** Sends one node's share of messages to sequence; what fails is tried again (a new owner, maybe). */
  private void forward(String owner, List<Forwarded> messages) {
    Buffer out = Buffer.buffer().appendByte(SEQUENCE).appendInt(messages.size());
    for (Forwarded message : messages) {
      Wire.writeString(out, message.room());
      Wire.writeString(out, message.message().id());
      out.appendInt(message.message().body().length()).appendBuffer(message.message().body());
    }
    vertx.eventBus().request(NODE_PREFIX + owner, out, new DeliveryOptions().setSendTimeout(SEQUENCE_TIMEOUT_MS))
        .onSuccess(reply -> messages.forEach(message -> message.done().complete()))
        .onFailure(e -> {
          for (Forwarded message : messages) {
            if (message.attempt() >= SEQUENCE_ATTEMPTS) {
              LOG.warning("a message for room " + message.room() + " could not be sequenced: " + e.getMessage());
              message.done().fail(e);
            } else {
              sequence(new Forwarded(message.room(), message.message(), message.attempt() + 1, message.done()));
            }
          }
        });
  }

  /** Messages other nodes forwarded because this node sequences their rooms; answered once stored. */
  private void onSequence(Message<Buffer> request, Wire.Cursor in) {
    int count = in.readInt();
    Map<String, List<RoomSequencer.Pending>> byRoom = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String room = in.readString();
      String id = in.readString();
      int length = in.readInt();
      Buffer body = in.buffer.slice(in.pos, in.pos + length).copy();
      byRoom.computeIfAbsent(room, r -> new ArrayList<>()).add(new RoomSequencer.Pending(id, body));
      in.pos += length;
    }
    List<Future<Void>> stored = new ArrayList<>();
    byRoom.forEach((room, bodies) -> stored.add(sequencer.append(room, bodies)));
    Future.all(stored).onSuccess(v -> request.reply(Buffer.buffer()))
        .onFailure(e -> request.fail(503, String.valueOf(e.getMessage())));
  }

  /** This node sequenced messages: to its own members and history, and to every other node. */
  private void stampedHere(String room, String epoch, long firstSeq, List<Buffer> bodies) {
    FrameBatch.Builder batch = new FrameBatch.Builder(encoder, bodies.size() * 200);
    bodies.forEach(batch::add);
    FrameBatch frames = batch.build();
    events.stamped(room, epoch, firstSeq, frames);
    item(STAMPED);
    Wire.writeString(pending, room);
    Wire.writeString(pending, epoch);
    pending.appendLong(firstSeq);
    Wire.writeFrames(pending, frames, byteOrder);
    events.changed();
  }

  @Override
  public Future<HistorySlice> history(String room) {
    return shared.read(room);
  }

  /** Drops the shared history this node owns of rooms that nobody is in and whose messages all expired. */
  @Override
  public void expireHistory(Predicate<String> inUseHere) {
    if (sweeping || shared == null) {
      return;
    }
    sweeping = true;
    shared.emptyRooms().onComplete(found -> {
      sweeping = false;
      if (found.succeeded()) {
        found.result().stream().filter(room -> members(room) == 0 && !inUseHere.test(room)).forEach(sequencer::drop);
      }
    });
  }

  private Buffer item(byte kind) {
    pendingItems++;
    return pending.appendByte(kind);
  }

  // ---- in ----

  private void onBatch(Message<Buffer> message) {
    Wire.Cursor in = new Wire.Cursor(message.body());
    String from = in.readString();
    if (from.equals(node)) {
      return;
    }
    long batchSeq = in.readLong();
    NodeView view = nodes.get(from);
    if (view == null) {
      view = view(from);
      if (batchSeq == 1) {
        view.ready = true;
      } else {
        requestSnapshot(view);
      }
    }
    if (view.ready && batchSeq != view.seq + 1) {
      LOG.warning("missed batches from node " + from + " (got " + batchSeq + " after " + view.seq + "): resyncing");
      view.ready = false;
      requestSnapshot(view);
    }
    apply(view, in, batchSeq, !view.ready);
    if (!view.ready) {
      view.early.add(message.body());
    }
    events.changed();
  }

  /**
   * Applies a batch's items after its header; when {@code framesOnly}, only delivers the frames
   * (the membership items wait for the node's snapshot).
   */
  private void apply(NodeView view, Wire.Cursor in, long batchSeq, boolean framesOnly) {
    int items = in.readInt();
    for (int i = 0; i < items; i++) {
      byte kind = in.readByte();
      switch (kind) {
        case CONNECTED -> {
          long client = in.readLong();
          String nick = in.readString();
          if (!framesOnly) {
            view.members.put(client, new NodeView.Member(nick));
            nickIndex.put(key(nick), new RemoteClient(view.node, client, nick));
          }
        }
        case JOINED -> {
          long client = in.readLong();
          String room = in.readString();
          if (!framesOnly) {
            add(view, client, room);
          }
        }
        case LEFT -> {
          long client = in.readLong();
          String room = in.readString();
          if (!framesOnly) {
            remove(view, client, room);
          }
        }
        case RENAMED -> {
          long client = in.readLong();
          String nick = in.readString();
          if (!framesOnly) {
            rename(view, client, nick);
          }
        }
        case GONE -> {
          long client = in.readLong();
          if (!framesOnly) {
            drop(view, client);
          }
        }
        case FRAMES -> {
          String room = in.readString();
          FrameBatch frames = in.readFrames(byteOrder);
          if (batchSeq > 0) {
            events.remoteFrames(room, frames);
          }
        }
        case STAMPED -> {
          String room = in.readString();
          String epoch = in.readString();
          long firstSeq = in.readLong();
          FrameBatch frames = in.readFrames(byteOrder);
          if (batchSeq > 0) {
            events.stamped(room, epoch, firstSeq, frames);
          }
        }
        default -> throw new IllegalStateException("unknown cluster item " + kind);
      }
    }
    if (!framesOnly) {
      view.seq = batchSeq;
    }
  }

  private void onDirect(Message<Buffer> message) {
    Wire.Cursor in = new Wire.Cursor(message.body());
    byte kind = in.readByte();
    if (kind == TO_CLIENT) {
      long client = in.readLong();
      events.remoteToClient(client, in.readFrames(byteOrder));
      events.changed();
    } else if (kind == SNAPSHOT) {
      message.reply(snapshot());
    } else if (kind == SEQUENCE) {
      onSequence(message, in);
    }
  }

  // ---- snapshots ----

  /** This node's whole state and the sequence number it stands at. */
  private Buffer snapshot() {
    flush();
    Buffer out = Buffer.buffer().appendLong(seq).appendInt(self.members.size());
    self.members.forEach((client, member) -> {
      out.appendLong(client);
      Wire.writeString(out, member.nick);
      out.appendInt(member.rooms.size());
      member.rooms.forEach(room -> Wire.writeString(out, room));
    });
    return out;
  }

  private void requestSnapshot(NodeView view) {
    vertx.eventBus().<Buffer>request(NODE_PREFIX + view.node, Buffer.buffer().appendByte(SNAPSHOT))
        .onSuccess(reply -> loadSnapshot(view, reply.body()))
        .onFailure(e -> {
          LOG.fine(() -> "no snapshot from node " + view.node + " yet: " + e.getMessage());
          // the node may not listen yet (it is starting): try again while it is a member
          vertx.setTimer(SNAPSHOT_RETRY_MS, t -> {
            if (nodes.get(view.node) == view && !view.ready && membership.nodes().contains(view.node)) {
              requestSnapshot(view);
            }
          });
        });
  }

  private void loadSnapshot(NodeView view, Buffer snapshot) {
    if (nodes.get(view.node) != view) {
      return;
    }
    for (Long client : new ArrayList<>(view.members.keySet())) {
      drop(view, client);
    }
    Wire.Cursor in = new Wire.Cursor(snapshot);
    view.seq = in.readLong();
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      long client = in.readLong();
      String nick = in.readString();
      view.members.put(client, new NodeView.Member(nick));
      nickIndex.put(key(nick), new RemoteClient(view.node, client, nick));
      int roomCount = in.readInt();
      for (int r = 0; r < roomCount; r++) {
        add(view, client, in.readString());
      }
    }
    view.ready = true;
    List<Buffer> early = new ArrayList<>(view.early);
    view.early.clear();
    for (Buffer batch : early) {
      Wire.Cursor cursor = new Wire.Cursor(batch);
      cursor.readString();
      long batchSeq = cursor.readLong();
      if (batchSeq == view.seq + 1) {
        // frames were delivered when the batch came; apply the membership items only
        applyMembership(view, cursor, batchSeq);
      }
    }
  }

  private void applyMembership(NodeView view, Wire.Cursor in, long batchSeq) {
    int items = in.readInt();
    Buffer rest = in.buffer.slice(in.pos, in.buffer.length());
    Buffer withoutFrames = Buffer.buffer();
    int kept = 0;
    Wire.Cursor scan = new Wire.Cursor(rest);
    for (int i = 0; i < items; i++) {
      int start = scan.pos;
      byte kind = scan.readByte();
      switch (kind) {
        case CONNECTED, RENAMED -> {
          scan.readLong();
          scan.readString();
        }
        case JOINED, LEFT -> {
          scan.readLong();
          scan.readString();
        }
        case GONE -> scan.readLong();
        case FRAMES -> {
          scan.readString();
          scan.readFrames(byteOrder);
          continue;
        }
        case STAMPED -> {
          scan.readString();
          scan.readString();
          scan.readLong();
          scan.readFrames(byteOrder);
          continue;
        }
        default -> throw new IllegalStateException("unknown cluster item " + kind);
      }
      withoutFrames.appendBuffer(rest, start, scan.pos - start);
      kept++;
    }
    Wire.Cursor membershipOnly = new Wire.Cursor(Buffer.buffer().appendInt(kept).appendBuffer(withoutFrames));
    apply(view, membershipOnly, batchSeq, false);
  }

  // ---- node death ----

  private void nodeLeft(String left) {
    sequencer.retakeAll();
    NodeView view = nodes.remove(left);
    if (view == null) {
      return;
    }
    LOG.info("node " + left + " left the cluster: " + view.members.size() + " of its clients are gone");
    for (Map.Entry<Long, NodeView.Member> entry : view.members.entrySet()) {
      NodeView.Member member = entry.getValue();
      for (String room : member.rooms) {
        events.remoteGone(room, member.nick, self.size(room) + members(room));
      }
      new ArrayList<>(member.rooms).forEach(room -> remove(view, entry.getKey(), room));
      nickIndex.remove(key(member.nick), nickIndex.get(key(member.nick)));
      nickRegistry.removeIfPresent(key(member.nick), owner(left, entry.getKey()));
    }
    events.changed();
  }

  // ---- view bookkeeping ----

  private NodeView view(String id) {
    return nodes.computeIfAbsent(id, NodeView::new);
  }

  private void add(NodeView view, long client, String room) {
    NodeView.Member member = view.members.get(client);
    if (member != null && member.rooms.add(room)) {
      view.rooms.computeIfAbsent(room, r -> new java.util.LinkedHashSet<>()).add(client);
      if (view != self) {
        roomCounts.merge(room, 1, Integer::sum);
      }
    }
  }

  private void remove(NodeView view, long client, String room) {
    NodeView.Member member = view.members.get(client);
    if (member != null && member.rooms.remove(room)) {
      java.util.Set<Long> members = view.rooms.get(room);
      members.remove(client);
      if (members.isEmpty()) {
        view.rooms.remove(room);
      }
      if (view != self) {
        roomCounts.computeIfPresent(room, (r, n) -> n == 1 ? null : n - 1);
      }
    }
  }

  private void rename(NodeView view, long client, String nick) {
    NodeView.Member member = view.members.get(client);
    if (member != null) {
      RemoteClient old = nickIndex.get(key(member.nick));
      if (old != null && old.node().equals(view.node) && old.client() == client) {
        nickIndex.remove(key(member.nick));
      }
      member.nick = nick;
      nickIndex.put(key(nick), new RemoteClient(view.node, client, nick));
    }
  }

  private void drop(NodeView view, long client) {
    NodeView.Member member = view.members.get(client);
    if (member == null) {
      return;
    }
    new ArrayList<>(member.rooms).forEach(room -> remove(view, client, room));
    view.members.remove(client);
    if (view != self) {
      RemoteClient indexed = nickIndex.get(key(member.nick));
      if (indexed != null && indexed.node().equals(view.node) && indexed.client() == client) {
        nickIndex.remove(key(member.nick));
      }
    }
  }

  private static String key(String nick) {
    return nick.toLowerCase(Locale.ROOT);
  }
}
