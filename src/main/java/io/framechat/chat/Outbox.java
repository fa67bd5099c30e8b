package io.framechat.chat;

import io.framechat.bus.Op;
import io.framechat.bus.OpBatch;
import io.framechat.net.Endpoint;
import io.framechat.net.Gateway;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the ops of one event-loop turn of the broadcast verticle, in order, and the gateways
 * they concern. Consecutive messages to the same room are encoded into one {@link FrameBatch}, so
 * a burst becomes one buffer that every member socket receives as is.
 */
final class Outbox {

  /** What one turn produced: the ops and the gateways to send them to. */
  record Drained(OpBatch batch, Set<Gateway> targets) {
  }

  private final FrameEncoder encoder;
  private List<Op> ops = new ArrayList<>();
  private Set<Gateway> targets = new HashSet<>();
  private String openRoom;
  private FrameBatch.Builder openBatch;

  Outbox(FrameEncoder encoder) {
    this.encoder = encoder;
  }

  boolean isEmpty() {
    return ops.isEmpty() && openBatch == null;
  }

  /** Encodes {@code body} once as a single frame, for one or more {@link #toClient} calls. */
  FrameBatch encode(JsonObject body) {
    return FrameBatch.of(encoder.encode(body));
  }

  /** {@code body} to every member of {@code room}, as members stand when the gateways apply it. */
  void toRoom(Room room, JsonObject body) {
    if (room.gateways().isEmpty()) {
      return;
    }
    if (openBatch == null || !openRoom.equals(room.name)) {
      seal();
      openRoom = room.name;
      openBatch = new FrameBatch.Builder(encoder, 256);
      targets.addAll(room.gateways());
    }
    openBatch.add(body.toBuffer());
  }

  void toClient(Client client, FrameBatch frames) {
    add(new Op.ToClient(client.endpoint, frames), client.endpoint);
  }

  void toClient(Client client, JsonObject body) {
    toClient(client, encode(body));
  }

  void joined(Client client, String room) {
    add(new Op.Joined(client.endpoint, room), client.endpoint);
  }

  void left(Client client, String room) {
    add(new Op.Left(client.endpoint, room), client.endpoint);
  }

  void close(Client client, JsonObject last, String reason) {
    add(new Op.Close(client.endpoint, encode(last), reason), client.endpoint);
  }

  /** Hands over everything collected so far and starts afresh. */
  Drained drain() {
    seal();
    Drained drained = new Drained(new OpBatch(ops), targets);
    ops = new ArrayList<>();
    targets = new HashSet<>();
    return drained;
  }

  private void add(Op op, Endpoint endpoint) {
    seal();
    ops.add(op);
    targets.add(endpoint.gateway());
  }

  private void seal() {
    if (openBatch != null) {
      ops.add(new Op.ToRoom(openRoom, openBatch.build()));
      openBatch = null;
      openRoom = null;
    }
  }
}
