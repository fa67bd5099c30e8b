package io.framechat.cluster;

import io.framechat.chat.Position;
import io.framechat.chat.Sequencer;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages numbered by their room's owner, forwarded there when it is another node (played by the
 * test on a local event bus): a short answer is sent again, not taken as "stored before"; past the
 * bounds the sender is told busy.
 */
@ExtendWith(VertxExtension.class)
class ClusterSequencerTest {

  private static final String OWNER = "n2";
  private static final Position NOWHERE = new Position(0, null);

  private static RoomMessage message(String id, String room) {
    return new RoomMessage(id, room, "ann", "text " + id, 1L);
  }

  /** Runs {@code test} on a context of its own once n2 listens (answering with {@code n2}) and the node started. */
  private static void withOwner(Vertx vertx, VertxTestContext ctx, LocalNode node, Consumer<Message<Buffer>> n2,
      Supplier<Future<?>> test) {
    vertx.getOrCreateContext().runOnContext(v -> vertx.eventBus().<Buffer>consumer("framechat.cluster.node." + OWNER,
        n2::accept).completion().compose(x -> node.start()).compose(x -> test.get())
        .onComplete(ctx.succeeding(x -> ctx.completeNow())));
  }

  /** The messages of a SEQUENCE request, as ids. */
  private static List<String> ids(Buffer request) {
    Wire.Cursor in = new Wire.Cursor(request);
    assertEquals(Wire.VERSION, in.readByte());
    assertEquals(ClusterLink.SEQUENCE, in.readByte());
    int count = in.readInt();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      in.readString();
      ids.add(in.readString());
      int length = in.readInt();
      in.pos += length;
    }
    return ids;
  }

  private static Buffer seqs(long... seqs) {
    Buffer reply = Wire.reply();
    for (long seq : seqs) {
      reply.appendLong(seq);
    }
    return reply;
  }

  @Test
  void messagesForAnotherNodesRoomGoThereAtTheFlushInOneRequest(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    node.history.owner = OWNER;
    List<List<String>> requests = new ArrayList<>();
    withOwner(vertx, ctx, node, request -> {
      requests.add(ids(request.body()));
      request.reply(seqs(10, 11));
    }, () -> {
      Future<Long> a = node.sequencer.sequence(message("a", "lobby"), NOWHERE);
      Future<Long> b = node.sequencer.sequence(message("b", "den"), NOWHERE);
      ctx.verify(() -> assertTrue(requests.isEmpty(), "nothing sent before the flush"));
      node.sequencer.flush();
      return Future.all(a, b).map(all -> {
        ctx.verify(() -> {
          assertEquals(List.of(List.of("a", "b")), requests);
          assertEquals(10L, a.result());
          assertEquals(11L, b.result());
        });
        return all;
      });
    });
  }

  @Test
  void aShortAnswerIsSentAgainNotTakenForStoredBefore(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    node.history.owner = OWNER;
    AtomicInteger requests = new AtomicInteger();
    withOwner(vertx, ctx, node, request -> request.reply(requests.incrementAndGet() == 1 ? seqs() : seqs(5)), () -> {
      Future<Long> a = node.sequencer.sequence(message("a", "lobby"), NOWHERE);
      node.sequencer.flush();
      // the retry waits for the next flush, as any forward does
      vertx.setPeriodic(5, t -> node.sequencer.flush());
      return a.map(seq -> {
        ctx.verify(() -> {
          assertEquals(5L, seq);
          assertEquals(2, requests.get());
        });
        return seq;
      });
    });
  }

  @Test
  void pastTheForwardingBoundTheSenderIsToldBusy(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    node.history.owner = OWNER;
    node.maxPending = 2;
    withOwner(vertx, ctx, node, request -> request.reply(seqs(1, 2)), () -> {
      Future<Long> a = node.sequencer.sequence(message("a", "lobby"), NOWHERE);
      Future<Long> b = node.sequencer.sequence(message("b", "lobby"), NOWHERE);
      Future<Long> c = node.sequencer.sequence(message("c", "lobby"), NOWHERE);
      ctx.verify(() -> assertInstanceOf(Sequencer.Busy.class, c.cause()));
      node.sequencer.flush();
      return Future.all(a, b);
    });
  }

  @Test
  void messagesAnOwnerHasNotAnsweredCountTowardsTheBound(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    node.history.owner = OWNER;
    node.maxPending = 2;
    List<Message<Buffer>> stalled = new ArrayList<>();
    withOwner(vertx, ctx, node, stalled::add, () -> {
      Future<Long> a = node.sequencer.sequence(message("a", "lobby"), NOWHERE);
      Future<Long> b = node.sequencer.sequence(message("b", "lobby"), NOWHERE);
      node.sequencer.flush();
      Future<Long> c = node.sequencer.sequence(message("c", "lobby"), NOWHERE);
      ctx.verify(() -> assertInstanceOf(Sequencer.Busy.class, c.cause(), "two sent, unanswered: the third waits not"));
      return vertx.timer(50).compose(t -> {
        stalled.forEach(request -> request.reply(seqs(1, 2)));
        return Future.all(a, b);
      }).compose(v -> {
        Future<Long> d = node.sequencer.sequence(message("d", "lobby"), NOWHERE);
        ctx.verify(() -> assertTrue(!d.failed(), "answered: room again"));
        return Future.succeededFuture();
      });
    });
  }

  @Test
  void onlyTheMessagesTheOwnerDidNotStoreAreSentAgain(Vertx vertx, VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    node.history.owner = OWNER;
    List<List<String>> requests = new ArrayList<>();
    withOwner(vertx, ctx, node, request -> {
      requests.add(ids(request.body()));
      ctx.verify(() -> assertTrue(LocalNode.sequenceRequest(request.body()).answerEach(),
          "the request says it reads an answer for each message"));
      request.reply(requests.size() == 1 ? seqs(5, SequenceRequests.UNSTORED_SEQ, 6) : seqs(7));
    }, () -> {
      List<Future<Long>> sent = List.of("a", "b", "c").stream()
          .map(id -> node.sequencer.sequence(message(id, "lobby"), NOWHERE)).toList();
      node.sequencer.flush();
      vertx.setPeriodic(5, t -> node.sequencer.flush()); // the retry waits for a flush
      return Future.all(sent).map(all -> {
        ctx.verify(() -> {
          assertEquals(List.of(List.of("a", "b", "c"), List.of("b")), requests);
          assertEquals(List.of(5L, 7L, 6L), sent.stream().map(Future::result).toList());
        });
        return all;
      });
    });
  }

  /** A request to number x (lobby), y (den) and z (lobby), as a node of this release or an earlier one sends it. */
  private static Buffer forwardXyz(boolean answerEach) {
    Buffer forwarded = ClusterLink.direct(ClusterLink.SEQUENCE).appendInt(3);
    for (String id : List.of("x", "y", "z")) {
      String room = id.equals("y") ? "den" : "lobby";
      Wire.writeString(forwarded, room);
      Wire.writeString(forwarded, id + answerEach);
      Buffer body = message(id + answerEach, room).encode();
      forwarded.appendInt(body.length()).appendBuffer(body);
    }
    return answerEach ? forwarded.appendByte(SequenceRequests.ANSWER_EACH) : forwarded;
  }

  @Test
  void theOwnerAnswersEachMessageWhereOneWasNotStoredOrFailsTheRequestOfAnEarlierRelease(Vertx vertx,
      VertxTestContext ctx) {
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    withOwner(vertx, ctx, node, request -> { }, () -> {
      node.history.failRoom = "den";
      return vertx.eventBus().<Buffer>request("framechat.cluster.node.me", forwardXyz(true)).compose(reply -> {
        Buffer fields = Wire.replyFields(reply.body());
        ctx.verify(() -> {
          assertEquals(1L, fields.getLong(0));
          assertEquals(SequenceRequests.UNSTORED_SEQ, fields.getLong(8));
          assertEquals(2L, fields.getLong(16));
        });
        return vertx.eventBus().<Buffer>request("framechat.cluster.node.me", forwardXyz(false))
            .map(r -> (Throwable) null).otherwise(failed -> failed);
      }).map(failed -> {
        ctx.verify(() -> assertTrue(failed instanceof ReplyException replyFailure && replyFailure.failureCode() == 503,
            "an earlier release's request fails whole: " + failed));
        return failed;
      });
    });
  }

  @Test
  void theOwnerAnswersBusyForWhatItHasNoRoomForAndNumbersTheRest(Vertx vertx, VertxTestContext ctx) {
    // this node owns the room; n2 (the test) forwards three messages while its store is slow
    LocalNode node = new LocalNode(vertx, "me", OWNER);
    node.maxPending = 2;
    withOwner(vertx, ctx, node, request -> { }, () -> {
      node.history.hold = true;
      node.sequencer.sequence(message("first", "lobby"), NOWHERE); // in the store, holding it
      Buffer forwarded = ClusterLink.direct(ClusterLink.SEQUENCE).appendInt(3);
      for (String id : List.of("x", "y", "z")) {
        Wire.writeString(forwarded, "lobby");
        Wire.writeString(forwarded, id);
        Buffer body = message(id, "lobby").encode();
        forwarded.appendInt(body.length()).appendBuffer(body);
      }
      Future<Message<Buffer>> answer = vertx.eventBus().request("framechat.cluster.node.me", forwarded);
      vertx.setTimer(20, t -> node.history.release());
      return answer.map(reply -> {
        Buffer fields = Wire.replyFields(reply.body());
        ctx.verify(() -> {
          assertEquals(2L, fields.getLong(0));
          assertEquals(3L, fields.getLong(8));
          assertEquals(SequenceRequests.BUSY_SEQ, fields.getLong(16));
          assertEquals(List.of("lobby#1", "lobby#2", "lobby#3"), node.stamped);
        });
        return reply;
      });
    });
  }
}
