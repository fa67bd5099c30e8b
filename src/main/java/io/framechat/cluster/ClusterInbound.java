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
import java.util.logging.Logger;

/**
 * What the other nodes send this one: their batches, applied in each node's order to the
 * {@link ReplicatedView} (deltas), the chat ({@code FRAMES}) and the sequencer ({@code STAMPED}),
 * and their direct messages. A node first heard of is asked for a snapshot; its batches that arrive
 * meanwhile deliver their frames at once and their deltas after the snapshot, and a gap in its
 * sequence numbers asks for a new one. The broadcast verticle's event loop only.
 */
final class ClusterInbound implements ClusterLink.Listener {

  private static final Logger LOG = Logger.getLogger(ClusterInbound.class.getName());
  private static final long SNAPSHOT_RETRY_MS = 500;
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

  ClusterInbound(Vertx vertx, ClusterMembership membership, ClusterLink link, ReplicatedView view,
      ClusterSequencer sequencer, PeerEvents events, HeaderByteOrder byteOrder) {
    this.vertx = vertx;
    this.membership = membership;
    this.link = link;
    this.view = view;
    this.sequencer = sequencer;
    this.events = events;
    this.byteOrder = byteOrder;
  }

  @Override
  public void batch(String from, long seq, Buffer whole, Wire.Cursor items) {
    NodeView sender = view.known(from);
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
      sender.early.add(whole);
    }
  }

  @Override
  public void direct(byte kind, Message<Buffer> message, Wire.Cursor in) {
    if (kind == ClusterLink.TO_CLIENT) {
      long client = in.readLong();
      events.remoteToClient(client, in.readFrames(byteOrder));
    } else if (kind == ClusterLink.SNAPSHOT) {
      link.flush();
      message.reply(view.snapshot(link.seq()));
    } else if (kind == ClusterLink.SEQUENCE) {
      sequencer.onSequence(message, in);
    } else if (kind == ClusterLink.CLOSE) {
      long client = in.readLong();
      events.remoteClose(client, CloseReason.valueOf(in.readString()));
    }
  }

  /** Applies the items of a batch (positioned at its item count), or the part of them asked for. */
  private void apply(NodeView sender, Wire.Cursor in, long seq, Part part) {
    boolean membership = part != Part.FRAMES;
    boolean frames = part != Part.MEMBERSHIP;
    int items = in.readInt();
    for (int i = 0; i < items; i++) {
      byte kind = in.readByte();
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
        default -> throw new IllegalStateException("unknown cluster item " + kind);
      }
    }
    if (membership) {
      sender.seq = seq;
    }
  }

  // ---- snapshots ----

  /** Asks a node for everything it holds; until the answer, its batches deliver only their frames. */
  void requestSnapshot(NodeView target) {
    link.request(target.node, ClusterLink.direct(ClusterLink.SNAPSHOT), SNAPSHOT_TIMEOUT_MS)
        .onSuccess(reply -> loadSnapshot(target, reply.body()))
        .onFailure(e -> {
          LOG.fine(() -> "no snapshot from node " + target.node + " yet: " + e.getMessage());
          // the node may not listen yet (it is starting): try again while it is a member
          vertx.setTimer(SNAPSHOT_RETRY_MS, t -> {
            if (view.known(target.node) == target && !target.ready && membership.nodes().contains(target.node)) {
              requestSnapshot(target);
            }
          });
        });
  }

  /** The snapshot, then the deltas of the batches that came before it and follow on from it (their frames went out already). */
  private void loadSnapshot(NodeView target, Buffer snapshot) {
    if (view.known(target.node) != target) {
      return;
    }
    view.load(target, snapshot);
    List<Buffer> early = new ArrayList<>(target.early);
    target.early.clear();
    for (Buffer batch : early) {
      Wire.Cursor cursor = new Wire.Cursor(batch);
      cursor.readString();
      long seq = cursor.readLong();
      if (seq == target.seq + 1) {
        apply(target, cursor, seq, Part.MEMBERSHIP);
      }
    }
  }
}
