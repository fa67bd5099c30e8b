package io.framechat.chat;

import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;
import io.framechat.protocol.Stamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the ops the broadcast verticle produces between two flushes, in order, and the gateways they concern. Consecutive messages
 * to the same room are encoded into one {@link FrameBatch}, so a burst becomes one buffer that
 * every member socket receives as is; in a cluster the same buffer goes once to the other nodes,
 * which fan it out to their own members.
 *
 * <p>A room message reaches every client that was a member when it was accepted: the gateways to
 * send it to are taken when its batch opens, and any change of membership (an op of its own)
 * closes the batch first. The outbox asks for its own flush when it is first given something, so
 * nobody who queues an op has to remember to.
 */
final class Outbox {

  /** What a flush sends: the ops, and the addresses of the gateways to send them to. */
  record Taken(OpBatch batch, Set<String> gateways) {
  }

  /** A room batch starts at least this big, and at most {@link #MAX_BATCH_BYTES_HINT} (it grows as needed). */
  static final int MIN_BATCH_BYTES = 256;
  private static final int MAX_BATCH_BYTES_HINT = 16 * 1024;
  private static final String[] NO_GATEWAYS = new String[0];

  private final FrameEncoder encoder;
  private final Peers peers;
  private final Runnable flushSoon;
  /** A flush was asked for since the ops were last taken. */
  private boolean asked;
  private List<Op> ops = new ArrayList<>();
  private Set<String> targets = new HashSet<>();
  private Room openRoom;
  private boolean openLocalOnly;
  /** Where the open batch goes: the room's gateways, and whether other nodes have members, when it opened. */
  private String[] openGateways;
  private boolean openRemote;
  private FrameBatch.Builder openBatch;

  /** @param flushSoon asks the broadcast verticle for a flush; called when the first op since the ops were last taken is queued */
  Outbox(FrameEncoder encoder, Peers peers, Runnable flushSoon) {
    this.encoder = encoder;
    this.peers = peers;
    this.flushSoon = flushSoon;
  }

  /** Asks for a flush, once until the ops are taken: whoever queues anything need not. */
  void wantFlush() {
    if (!asked) {
      asked = true;
      flushSoon.run();
    }
  }

  boolean isEmpty() {
    return ops.isEmpty() && openBatch == null;
  }

  /** Encodes bodies into one batch of frames. */
  FrameBatch encode(List<Buffer> bodies) {
    FrameBatch.Builder batch = new FrameBatch.Builder(encoder, bodies.size() * 160);
    bodies.forEach(batch::add);
    return batch.build();
  }

  /** Encodes {@code body} once as a single frame, for one or more {@link #toClient} calls. */
  FrameBatch encode(JsonObject body) {
    return FrameBatch.of(encoder.encode(body));
  }

  /** {@code body} to every member of {@code room} now, on this node and (through {@link Peers}) on the others. */
  void toRoom(Room room, JsonObject body) {
    toRoom(room, body.toBuffer(), false);
  }

  /** An already encoded body to every member of {@code room} now, on every node. */
  void toRoom(Room room, Buffer body) {
    toRoom(room, body, false);
  }

  /** {@code body} to the members of {@code room} on this node only. */
  void toLocalRoom(Room room, JsonObject body) {
    toRoom(room, body.toBuffer(), true);
  }

  private void toRoom(Room room, Buffer body, boolean localOnly) {
    if (openBatch == null || openRoom != room || openLocalOnly != localOnly) {
      closeBatch();
      boolean remote = !localOnly && peers.members(room.name) > 0;
      if (room.gateways().isEmpty() && !remote) {
        return;
      }
      openRoom = room;
      openLocalOnly = localOnly;
      openGateways = room.gateways().toArray(NO_GATEWAYS);
      openRemote = remote;
      openBatch = new FrameBatch.Builder(encoder, room.lastBatchBytes);
      wantFlush();
    }
    openBatch.add(body);
  }

  /** Frames encoded elsewhere (another node, the room's sequencer), for the members of {@code room} on this node. */
  void toRoom(Room room, FrameBatch frames) {
    if (!room.gateways().isEmpty()) {
      closeBatch();
      ops.add(new Op.ToRoom(room.name, frames));
      targets.addAll(room.gateways());
      wantFlush();
    }
  }

  void toClient(Client client, FrameBatch frames) {
    add(new Op.ToClient(client.id(), frames), client);
  }

  void toClient(Client client, JsonObject body) {
    toClient(client, encode(body));
  }

  /**
   * A replay: history copies of {@code bodies} ({@code "history":true}), then {@code last} if not
   * null, as one batch.
   */
  void replay(Client client, List<Buffer> bodies, JsonObject last) {
    if (bodies.isEmpty() && last == null) {
      return;
    }
    FrameBatch.Builder batch = new FrameBatch.Builder(encoder, 64 + bodies.size() * 160);
    for (Buffer body : bodies) {
      batch.add(Stamps.history(body));
    }
    if (last != null) {
      batch.add(last.toBuffer());
    }
    toClient(client, batch.build());
  }

  void joined(Client client, String room) {
    add(new Op.Joined(client.id(), room), client);
  }

  void left(Client client, String room) {
    add(new Op.Left(client.id(), room), client);
  }

  /** {@code bye} with the reason, then the client's connection is closed. */
  void close(Client client, CloseReason reason) {
    close(client, reason, null);
  }

  /** The same, with words for people in the {@code bye} (an operator's reason). */
  void close(Client client, CloseReason reason, String message) {
    add(new Op.Close(client.id(), encode(ServerFrames.bye(reason, message)), reason), client);
  }

  /**
   * Each of {@code gateways} says {@code bye} (shutdown, reconnect) to all its clients, spread over
   * {@code seconds}, after everything queued before.
   */
  void byeAll(Set<String> gateways, int seconds) {
    closeBatch();
    ops.add(new Op.Drain(encode(ServerFrames.bye(CloseReason.SHUTDOWN)), seconds));
    targets.addAll(gateways);
    wantFlush();
  }

  /** Hands over everything collected so far and starts afresh. */
  Taken take() {
    asked = false;
    if (isEmpty()) {
      return new Taken(new OpBatch(List.of()), Set.of());
    }
    closeBatch();
    Taken taken = new Taken(new OpBatch(ops), targets);
    ops = new ArrayList<>();
    targets = new HashSet<>();
    return taken;
  }

  private void add(Op op, Client client) {
    closeBatch();
    ops.add(op);
    targets.add(client.endpoint.gateway());
    wantFlush();
  }

  private void closeBatch() {
    if (openBatch == null) {
      return;
    }
    FrameBatch frames = openBatch.build();
    openRoom.lastBatchBytes = Math.max(MIN_BATCH_BYTES, Math.min(MAX_BATCH_BYTES_HINT, frames.buffer().length()));
    if (openGateways.length > 0) {
      ops.add(new Op.ToRoom(openRoom.name, frames));
      targets.addAll(List.of(openGateways));
    }
    if (openRemote) {
      peers.roomFrames(openRoom.name, frames);
    }
    openBatch = null;
    openRoom = null;
    openGateways = null;
  }
}
