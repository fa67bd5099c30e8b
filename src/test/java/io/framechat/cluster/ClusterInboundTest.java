package io.framechat.cluster;

import io.framechat.protocol.CloseReason;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What another node sends this one, through the real link on a local event bus, with the test
 * playing the other node ("n2"): items and reasons of kinds this node does not know (a newer
 * node's) are skipped and counted, the rest goes on; a gap asks for a snapshot; the batches held
 * for it are bounded.
 */
@ExtendWith(VertxExtension.class)
class ClusterInboundTest {

  private static final String OTHER = "n2";

  /** Runs {@code test} on a context of its own, with the node started there. */
  private static void onContext(Vertx vertx, VertxTestContext ctx, LocalNode node, Supplier<Future<?>> test) {
    vertx.getOrCreateContext().runOnContext(v -> node.start().compose(x -> test.get())
        .onComplete(ctx.succeeding(x -> ctx.completeNow())));
  }

  /** A batch of n2's, as its link publishes it. */
  private static Buffer batch(long seq, java.util.function.Consumer<Wire.BatchWriter> items) {
    Wire.BatchWriter writer = new Wire.BatchWriter(OTHER);
    items.accept(writer);
    return writer.take(seq);
  }

  private static void connectedAndJoined(Wire.BatchWriter out, long client, String nick, String room) {
    Wire.writeString(out.item(ClusterLink.CONNECTED).appendLong(client), nick);
    Wire.writeString(out.item(ClusterLink.JOINED).appendLong(client), room);
  }

  private static void frames(Wire.BatchWriter out, String room, String... bodies) {
    Buffer item = out.item(ClusterLink.FRAMES);
    Wire.writeString(item, room);
    Wire.writeFrames(item, LocalNode.frames(bodies), LocalNode.ORDER);
  }

  /** Everything sent to the node before this has been handled once it completes (one event loop, in order). */
  private static Future<?> handled(Vertx vertx, LocalNode node) {
    return vertx.eventBus().request("framechat.cluster.node." + node.id, Wire.direct(ClusterLink.SNAPSHOT));
  }

  @Test
  void itemsOfUnknownKindsAreSkippedAndTheBatchGoesOn(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OTHER);
    onContext(vertx, ctx, node, () -> {
      vertx.eventBus().publish(EventBusLink.BROADCAST, batch(1, out -> {
        connectedAndJoined(out, 7, "ann", "lobby");
        out.item((byte) 99).appendLong(123).appendString("a field of a newer kind");
        frames(out, "lobby", "hello");
        // a known item with a field a newer node added at its end
        Buffer joined = out.item(ClusterLink.JOINED).appendLong(7);
        Wire.writeString(joined, "den");
        joined.appendInt(42);
        frames(out, "den", "after it");
      }));
      return handled(vertx, node).map(v -> {
        ctx.verify(() -> {
          assertEquals(List.of("lobby:hello", "den:after it"), node.frames);
          assertEquals(1, node.view.members("lobby"));
          assertEquals(1, node.view.members("den"));
          assertEquals(List.of("item"), node.unknown);
        });
        return v;
      });
    });
  }

  @Test
  void aBatchInAWireVersionThisNodeCannotReadIsDroppedAndCounted(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OTHER);
    onContext(vertx, ctx, node, () -> {
      Buffer newer = batch(1, out -> frames(out, "lobby", "from the future"));
      newer.setByte(0, (byte) (Wire.VERSION + 1));
      vertx.eventBus().publish(EventBusLink.BROADCAST, newer);
      vertx.eventBus().publish(EventBusLink.BROADCAST, batch(1, out -> frames(out, "lobby", "readable")));
      return handled(vertx, node).map(v -> {
        ctx.verify(() -> {
          assertEquals(List.of("lobby:readable"), node.frames);
          assertEquals(List.of("version"), node.unknown);
        });
        return v;
      });
    });
  }

  @Test
  void aCloseForAReasonThisNodeDoesNotKnowStillCloses(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OTHER);
    onContext(vertx, ctx, node, () -> {
      Buffer close = Wire.direct(ClusterLink.CLOSE).appendLong(7);
      Wire.writeString(close, "moved_to_mars");
      Buffer known = Wire.direct(ClusterLink.CLOSE).appendLong(8);
      Wire.writeString(known, CloseReason.REPLACED.wireName());
      vertx.eventBus().send("framechat.cluster.node.me", close);
      vertx.eventBus().send("framechat.cluster.node.me", known);
      Future<?> unknownKind = vertx.eventBus().request("framechat.cluster.node.me", Wire.direct((byte) 77))
          .map(reply -> {
            throw new AssertionError("a direct message of an unknown kind was answered");
          }).recover(e -> {
            ctx.verify(() -> assertEquals(400, ((ReplyException) e).failureCode()));
            return Future.succeededFuture();
          });
      return unknownKind.map(v -> {
        ctx.verify(() -> {
          assertEquals(List.of("7:" + CloseReason.DISCONNECTED.wireName(), "8:" + CloseReason.REPLACED.wireName()),
              node.closed);
          assertEquals(List.of("close_reason", "direct"), node.unknown);
        });
        return v;
      });
    });
  }

  @Test
  void aGapAsksForASnapshotWhileFramesGoOnAndTheDeltasFollowIt(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OTHER);
    // n2's own view: what it answers a snapshot with (as of its batch 2)
    ReplicatedView theirs = new ReplicatedView(OTHER);
    theirs.connected(theirs.self(), 7, "ann");
    theirs.joined(theirs.self(), 7, "lobby");
    theirs.connected(theirs.self(), 8, "bob");
    Promise<Void> asked = Promise.promise();
    List<Runnable> answer = new ArrayList<>();
    onContext(vertx, ctx, node, () -> vertx.eventBus().<Buffer>consumer("framechat.cluster.node." + OTHER, request -> {
      // answered only once the batch after the gap came
      answer.add(() -> request.reply(Wire.reply().appendBuffer(theirs.snapshot(2))));
      asked.tryComplete();
    }).completion().compose(registered -> {
      vertx.eventBus().publish(EventBusLink.BROADCAST, batch(1, out -> connectedAndJoined(out, 7, "ann", "lobby")));
      // batch 2 is lost; batch 3 shows the gap
      vertx.eventBus().publish(EventBusLink.BROADCAST, batch(3, out -> {
        Wire.writeString(out.item(ClusterLink.JOINED).appendLong(8), "lobby");
        frames(out, "lobby", "during the resync");
      }));
      return asked.future();
    }).compose(v -> handled(vertx, node)).compose(v -> {
      ctx.verify(() -> {
        assertEquals(List.of("lobby:during the resync"), node.frames, "frames go out at once");
        assertEquals(1, node.view.members("lobby"), "deltas wait for the snapshot");
      });
      answer.forEach(Runnable::run);
      return handled(vertx, node);
    }).compose(v -> handled(vertx, node)).map(v -> {
      ctx.verify(() -> {
        assertEquals(2, node.view.members("lobby"), "the snapshot, then batch 3's join");
        assertTrue(node.view.known(OTHER).ready);
      });
      return v;
    }));
  }

  @Test
  void batchesHeldForASnapshotThatDoesNotComeAreBounded(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OTHER);
    node.maxEarly = 3;
    // n2 never answers: its address has a consumer that keeps the requests
    onContext(vertx, ctx, node, () -> vertx.eventBus().<Buffer>consumer("framechat.cluster.node." + OTHER, r -> { })
        .completion().compose(registered -> {
          for (long seq = 5; seq <= 11; seq++) {
            long s = seq;
            vertx.eventBus().publish(EventBusLink.BROADCAST, batch(seq, out -> frames(out, "lobby", "m" + s)));
          }
          return handled(vertx, node);
        }).map(v -> {
          ctx.verify(() -> {
            assertEquals(7, node.frames.size(), "every frame delivered");
            assertEquals(6, node.earlyDropped, "at most 3 held: dropped twice, 3 each time");
            assertFalse(node.view.known(OTHER).ready);
            assertEquals(1, node.view.known(OTHER).early.size());
          });
          return v;
        }));
  }

  @Test
  void aSnapshotInAWireVersionThisNodeCannotReadIsCounted(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OTHER);
    Promise<Void> answered = Promise.promise();
    onContext(vertx, ctx, node, () -> vertx.eventBus().<Buffer>consumer("framechat.cluster.node." + OTHER, request -> {
      request.reply(Buffer.buffer().appendByte((byte) (Wire.VERSION + 1)).appendLong(3).appendInt(0));
      answered.tryComplete();
    }).completion().compose(registered -> {
      vertx.eventBus().publish(EventBusLink.BROADCAST, batch(4, out -> frames(out, "lobby", "x")));
      return answered.future();
    }).compose(v -> handled(vertx, node)).map(v -> {
      ctx.verify(() -> {
        assertEquals(List.of("version"), node.unknown);
        assertFalse(node.view.known(OTHER).ready, "not taken for ready on what it could not read");
      });
      return v;
    }));
  }
}
