package io.framechat.cluster;

import io.framechat.chat.PeerEvents;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * What the other nodes send this one: their batches, applied in each node's order to the
 * {@link ReplicatedView} (deltas), the chat ({@code FRAMES}) and the sequencer ({@code STAMPED}),
 * and their direct messages. A node first heard of is asked for a snapshot; its batches that arrive
 * meanwhile deliver their frames at once and their deltas after the snapshot, and a gap in its
 * sequence numbers asks for a new one. An item, a direct message or a close reason of a kind this
 * node does not know (a newer node's) is skipped and counted; the rest of the batch goes on, as do
 * fields a newer node added at the end of an item this node knows. The broadcast verticle's event
 * loop only.
 */
final class ClusterInbound implements ClusterLink.Listener {

  private static final Logger LOG = Logger.getLogger(ClusterInbound.class.getName());
  private static final long SNAPSHOT_RETRY_MS = 500;
  private static final long SNAPSHOT_RETRY_MAX_MS = 10_000;
  private static final long SNAPSHOT_TIMEOUT_MS = 30_000;

  /** Which items of a batch to apply. */
  private enum Part { ALL, FRAMES, MEMBERSHIP }

  private final Vertx vertx;
  private final ClusterMembership membership;
  private final ClusterLink link;
  private final ReplicatedView view;
  private final ClusterSequencer sequencer;
  private final PeerEvents events;
  private final HeaderByteOrder byteOrder;
  private final Consumer<String> unknown;
  private final IntSupplier maxEarly;
  private final IntConsumer earlyDropped;

  /**
   * @param unknown told (by what: {@code item}, {@code direct}, {@code close_reason}) of each thing skipped
   * @param maxEarly batches of a node held while its snapshot is awaited ({@code cluster.maxEarlyBatches})
   * @param earlyDropped told how many such batches were dropped at that bound
   */
  ClusterInbound(Vertx vertx, ClusterMembership membership, ClusterLink link, ReplicatedView view,
      ClusterSequencer sequencer, PeerEvents events, HeaderByteOrder byteOrder, Consumer<String> unknown,
      IntSupplier maxEarly, IntConsumer earlyDropped) {
    this.maxEarly = maxEarly;
    this.earlyDropped = earlyDropped;
    this.vertx = vertx;
    this.membership = membership;
    this.link = link;
    this.view = view;
    this.sequencer = sequencer;
    this.events = events;
    this.byteOrder = byteOrder;
    this.unknown = unknown;
  }

  @Override
  public void batch(String from, long seq, Buffer whole, Wire.Cursor items) {
    if (!membership.intact()) {
      return;
    }
    NodeView sender = view.known(from);
    if (sender == null && !membership.nodes().contains(from)) {
      // a node this one saw leave (declared dead while it was frozen, say): what it sends is not chat
      LOG.fine(() -> "a batch from node " + from + ", not a member, dropped");
      return;
    }
    if (sender == null) {
      sender = view.node(from);
      if (seq == 1) {
        sender.ready = true;
      } else {
        requestSnapshot(sender);
      }
    }
    if (sender.ready && seq != sender.seq + 1) {
      LOG.warning("missed batches from node " + from + " (got " + seq + " after " + sender.seq + "): resyncing");
      sender.ready = false;
      requestSnapshot(sender);
    }
    apply(sender, items, seq, sender.ready ? Part.ALL : Part.FRAMES);
    if (!sender.ready) {
      if (sender.early.size() >= maxEarly.getAsInt()) {
        // the snapshot is long in coming: drop what waits for it; the batches after it will show a
        // gap, which asks for a snapshot again
        LOG.warning("node " + from + " did not answer a snapshot within " + sender.early.size()
            + " of its batches: they are dropped, and it is asked again");
        earlyDropped.accept(sender.early.size());
        sender.early.clear();
      }
      sender.early.add(whole);
    }
  }

  @Override
  public void direct(byte kind, Message<Buffer> message, Wire.Cursor in) {
    if (!membership.intact()) {
      message.fail(503, "this node is stopping");
      return;
    }
    if (kind == ClusterLink.TO_CLIENT) {
      long client = in.readLong();
      events.remoteToClient(client, in.readFrames(byteOrder));
    } else if (kind == ClusterLink.SNAPSHOT) {
      link.flush();
      message.reply(Wire.reply().appendBuffer(view.snapshot(link.seq())));
    } else if (kind == ClusterLink.SEQUENCE) {
      sequencer.onSequence(message, in);
    } else if (kind == ClusterLink.CLOSE) {
      long client = in.readLong();
      String name = in.readString();
      CloseReason reason = CloseReason.fromWireName(name);
      if (reason == null) {
        unknown.accept("close_reason");
        LOG.fine(() -> "a node closes client " + client + " for a reason this one does not know (" + name + ")");
        reason = CloseReason.DISCONNECTED;
      }
      events.remoteClose(client, reason);
    } else if (kind == ClusterLink.PERSON) {
      PersonEvents.Decoded person = PersonEvents.decode(in);
      if (person == null) {
        unknown.accept("person_event");
      } else {
        events.remotePerson(person.node(), person.event());
      }
    } else {
      unknown.accept("direct");
      message.fail(400, "unknown cluster message " + kind);
    }
  }

  /** Applies the items of a batch (positioned at its item count), or the part of them asked for. */
  private void apply(NodeView sender, Wire.Cursor in, long seq, Part part) {
    boolean membership = part != Part.FRAMES;
    boolean frames = part != Part.MEMBERSHIP;
    int items = in.readInt();
    for (int i = 0; i < items; i++) {
      byte kind = in.readByte();
      int length = in.readInt();
      int end = in.pos + length;
      switch (kind) {
        case ClusterLink.CONNECTED -> {
          long client = in.readLong();
          String nick = in.readString();
          if (membership) {
            view.connected(sender, client, nick);
          }
        }
        case ClusterLink.JOINED, ClusterLink.LEFT -> {
          long client = in.readLong();
          String room = in.readString();
          if (membership && kind == ClusterLink.JOINED) {
            view.joined(sender, client, room);
          } else if (membership) {
            view.left(sender, client, room);
          }
        }
        case ClusterLink.RENAMED -> {
          long client = in.readLong();
          String nick = in.readString();
          if (membership) {
            view.renamed(sender, client, nick);
          }
        }
        case ClusterLink.GONE -> {
          long client = in.readLong();
          if (membership) {
            view.gone(sender, client);
          }
        }
        case ClusterLink.FRAMES -> {
          String room = in.readString();
          FrameBatch batch = in.readFrames(byteOrder);
          if (frames) {
            events.remoteFrames(room, batch);
          }
        }
        case ClusterLink.STAMPED -> {
          String room = in.readString();
          String epoch = in.readString();
          long firstSeq = in.readLong();
          FrameBatch batch = in.readFrames(byteOrder);
          if (frames) {
            sequencer.remoteStamped(room, epoch, firstSeq, batch);
          }
        }
        default -> unknown.accept("item");
      }
      in.pos = end;
    }
    if (membership) {
      sender.seq = seq;
    }
  }

  // ---- snapshots ----

  /**
   * Asks a node for everything it holds, unless a request is out already; until the answer, its
   * batches deliver only their frames. A request that fails (the node does not listen yet, or does
   * not answer) is made again while the node is a member, a little later each time (up to
   * {@value #SNAPSHOT_RETRY_MAX_MS} ms apart).
   */
  void requestSnapshot(NodeView target) {
    if (target.snapshotPending) {
      return;
    }
    target.snapshotPending = true;
    link.request(target.node, ClusterLink.direct(ClusterLink.SNAPSHOT), SNAPSHOT_TIMEOUT_MS)
        .onSuccess(reply -> {
          target.snapshotPending = false;
          target.snapshotFailures = 0;
          loadSnapshot(target, reply.body());
        })
        .onFailure(e -> {
          target.snapshotPending = false;
          long wait = Math.min(SNAPSHOT_RETRY_MAX_MS, SNAPSHOT_RETRY_MS << Math.min(10, target.snapshotFailures++));
          LOG.fine(() -> "no snapshot from node " + target.node + " yet (" + e.getMessage() + "): asking again in "
              + wait + " ms");
          vertx.setTimer(wait, t -> {
            if (view.known(target.node) == target && !target.ready && membership.nodes().contains(target.node)) {
              requestSnapshot(target);
            }
          });
        });
  }

  /** The snapshot, then the deltas of the batches that came before it and follow on from it (their frames went out already). */
  private void loadSnapshot(NodeView target, Buffer reply) {
    if (view.known(target.node) != target) {
      return;
    }
    Buffer snapshot = Wire.replyFields(reply);
    if (snapshot == null) {
      unknown.accept("version");
      LOG.warning("node " + target.node + " answered a snapshot in a wire version this node cannot read");
      return;
    }
    view.load(target, snapshot);
    List<Buffer> early = new ArrayList<>(target.early);
    target.early.clear();
    for (Buffer batch : early) {
      Wire.Cursor cursor = new Wire.Cursor(batch);
      cursor.readByte(); // the wire version, read when the batch came
      cursor.readString();
      long seq = cursor.readLong();
      if (seq == target.seq + 1) {
        apply(target, cursor, seq, Part.MEMBERSHIP);
      }
    }
  }
}
