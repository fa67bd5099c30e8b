package io.framechat.cluster;

import io.framechat.chat.Position;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A message forwarded to its room's owner and sent again (its answer came late, or said "not
 * stored") is stored once: the sender names the request it was first asked in, and the owner
 * answers with the seq that try got, however many messages the room took in between.
 */
@ExtendWith(VertxExtension.class)
class SentAgainTest {

  private static final Position NOWHERE = new Position(0, null);

  private static RoomMessage message(String id) {
    return new RoomMessage(id, "lobby", "ann", "text " + id, 1L);
  }

  private static SequenceRequests.Item item(String id, long firstRequest) {
    return new SequenceRequests.Item("lobby", new RoomSequencer.Pending(id, message(id).encode()), firstRequest, 0);
  }

  /** Asks node "me" to number {@code items} as request {@code number} of node n2; the answer's seqs. */
  private static Future<List<Long>> ask(Vertx vertx, long number, List<Long> settled, SequenceRequests.Item... items) {
    Buffer request = SequenceRequests.request(List.of(items), new SequenceRequests.Tracking("n2", number, settled));
    return vertx.eventBus().<Buffer>request("framechat.cluster.node.me", request).map(reply -> {
      Buffer fields = Wire.replyFields(reply.body());
      return IntStream.range(0, fields.length() / Long.BYTES).mapToObj(i -> fields.getLong(i * Long.BYTES)).toList();
    });
  }

  /** The ids the room's log holds, in order. */
  private static List<String> logged(LocalNode node) {
    return node.history.logs.getOrDefault("lobby", List.of()).stream()
        .map(body -> new io.vertx.core.json.JsonObject(Buffer.buffer(body)).getString("id")).toList();
  }

  /** Starts {@code node} on a context of its own and runs {@code test} there. */
  private static void on(Vertx vertx, VertxTestContext ctx, LocalNode node, Function<Context, Future<?>> test) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> node.start().compose(x -> test.apply(context))
        .onComplete(ctx.succeeding(x -> ctx.completeNow())));
  }

  /** Asks {@code first}, then has the owner number more messages of the room than it remembers the ids of, then asks {@code again}. */
  private static Future<List<Long>> pastTheRecentIds(VertxTestContext ctx, LocalNode owner,
      Supplier<Future<List<Long>>> first, Supplier<Future<List<Long>>> again) {
    return first.get().compose(seqs -> {
      ctx.verify(() -> assertEquals(List.of(1L), seqs));
      return Future.all(IntStream.range(0, 1100)
          .mapToObj(i -> owner.sequencer.sequence(message("own" + i), NOWHERE)).toList());
    }).compose(v -> again.get());
  }

  @Test
  void theOwnerAnswersAMessageSentAgainWithItsFirstSeqHoweverManyCameBetween(Vertx vertx, VertxTestContext ctx) {
    LocalNode owner = new LocalNode(vertx, "me", "n2");
    on(vertx, ctx, owner, context -> pastTheRecentIds(ctx, owner, () -> ask(vertx, 1, List.of(), item("x", 0)),
        () -> ask(vertx, 2, List.of(), item("x", 1))).map(again -> {
      ctx.verify(() -> {
        assertEquals(List.of(1L), again, "the seq x got the first time");
        assertEquals(1101, logged(owner).size());
        assertEquals(1, logged(owner).stream().filter("x"::equals).count(), "x stored once");
      });
      return again;
    }));
  }

  @Test
  void aMessageFirstAskedOfAnotherOwnerIsKnownWhenSentHereAgain(Vertx vertx, VertxTestContext ctx) {
    LocalNode owner = new LocalNode(vertx, "me", "n2");
    // x was first asked in request 1, of the room's owner then (another node): this node never saw it
    on(vertx, ctx, owner, context -> pastTheRecentIds(ctx, owner, () -> ask(vertx, 2, List.of(), item("x", 1)),
        () -> ask(vertx, 3, List.of(), item("x", 1))).map(third -> {
      ctx.verify(() -> {
        assertEquals(List.of(1L), third, "the seq x got here the first time");
        assertEquals(1, logged(owner).stream().filter("x"::equals).count(), "x stored once");
      });
      return third;
    }));
  }

  @Test
  void aMessageWhoseFirstTryWasNotStoredIsStoredOnceHoweverOftenItIsSentAgain(Vertx vertx, VertxTestContext ctx) {
    LocalNode owner = new LocalNode(vertx, "me", "n2");
    on(vertx, ctx, owner, context -> {
      owner.history.failRoom = "lobby";
      return ask(vertx, 1, List.of(), item("x", 0)).compose(first -> {
        ctx.verify(() -> assertEquals(List.of(SequenceRequests.UNSTORED_SEQ), first));
        owner.history.failRoom = null;
        return ask(vertx, 2, List.of(), item("x", 1));
      }).compose(second -> {
        ctx.verify(() -> assertEquals(List.of(1L), second, "taken afresh"));
        return ask(vertx, 3, List.of(), item("x", 1));
      }).map(third -> {
        ctx.verify(() -> {
          assertEquals(List.of(1L), third, "the seq of the try that stored it");
          assertEquals(List.of("x"), logged(owner));
        });
        return third;
      });
    });
  }

  @Test
  void aRequestItsSenderSettledIsForgottenByTheOwner(Vertx vertx, VertxTestContext ctx) {
    LocalNode owner = new LocalNode(vertx, "me", "n2");
    on(vertx, ctx, owner, context -> ask(vertx, 1, List.of(), item("x", 0))
        .compose(first -> ask(vertx, 2, List.of(1L), item("y", 0)))
        // a sender does not send x again once settled; if it did, only the room's recent ids would know it
        .compose(second -> ask(vertx, 3, List.of(), item("x", 1))).map(third -> {
          ctx.verify(() -> assertEquals(List.of(-1L), third, "stored before, its request forgotten"));
          return third;
        }));
  }

  @Test
  void theSenderNamesWhereAMessageWasFirstAskedAndSaysWhenItsRequestIsSettled(Vertx vertx, VertxTestContext ctx) {
    LocalNode sender = new LocalNode(vertx, "me", "n2");
    sender.history.owner = "n2";
    List<SequenceRequests.Request> requests = new ArrayList<>();
    on(vertx, ctx, sender, context -> vertx.eventBus().<Buffer>consumer("framechat.cluster.node.n2", request -> {
      requests.add(LocalNode.sequenceRequest(request.body()));
      Buffer reply = Wire.reply();
      List.of(List.of(5L, SequenceRequests.UNSTORED_SEQ, 6L), List.of(7L), List.of(8L)).get(requests.size() - 1)
          .forEach(reply::appendLong);
      request.reply(reply);
    }).completion().compose(x -> {
      List<Future<Long>> sent = List.of("a", "b", "c").stream()
          .map(id -> sender.sequencer.sequence(message(id), NOWHERE)).toList();
      long flushing = vertx.setPeriodic(5, t -> sender.sequencer.flush()); // a retry waits for a flush
      return Future.all(sent).compose(all -> {
        Future<Long> d = sender.sequencer.sequence(message("d"), NOWHERE);
        return d.andThen(done -> vertx.cancelTimer(flushing));
      }).map(d -> {
        ctx.verify(() -> {
          assertEquals(List.of(5L, 7L, 6L), sent.stream().map(Future::result).toList());
          assertEquals(3, requests.size());
          SequenceRequests.Request again = requests.get(1);
          assertEquals("me", again.tracking().sender());
          assertEquals(List.of("b"), again.items().stream().map(i -> i.message().id()).toList());
          assertEquals(requests.get(0).tracking().number(), again.items().get(0).firstRequest());
          assertEquals(1, again.items().get(0).firstIndex(), "b was second in its first request");
          assertEquals(List.of(), again.tracking().settled(), "b not settled when it was sent again");
          assertEquals(List.of(requests.get(0).tracking().number()), requests.get(2).tracking().settled());
          assertFalse(requests.get(2).items().get(0).sentBefore());
        });
        return d;
      });
    }));
  }

  @Test
  void aMessageSentAgainAfterItsRoomMovedHereIsNumberedHereAndItsFirstRequestSettled(Vertx vertx,
      VertxTestContext ctx) {
    LocalNode sender = new LocalNode(vertx, "me", "n2");
    sender.history.owner = "n2";
    List<SequenceRequests.Request> requests = new ArrayList<>();
    on(vertx, ctx, sender, context -> vertx.eventBus().<Buffer>consumer("framechat.cluster.node.n2", request -> {
      requests.add(LocalNode.sequenceRequest(request.body()));
      if (requests.size() == 1) {
        sender.history.owner = "me"; // the room moves here before a is sent again
      }
      request.reply(Wire.reply().appendLong(requests.size() == 1 ? SequenceRequests.UNSTORED_SEQ : 9));
    }).completion().compose(x -> {
      Future<Long> a = sender.sequencer.sequence(message("a"), NOWHERE);
      long flushing = vertx.setPeriodic(5, t -> sender.sequencer.flush());
      return a.compose(seq -> {
        sender.history.owner = "n2";
        return sender.sequencer.sequence(message("b"), NOWHERE).map(b -> List.of(seq, b));
      }).andThen(done -> vertx.cancelTimer(flushing)).map(seqs -> {
        ctx.verify(() -> {
          assertEquals(List.of(1L, 9L), seqs, "a numbered here, b by n2");
          assertEquals(List.of("a"), logged(sender));
          assertEquals(2, requests.size(), "a was not sent to n2 again");
          assertEquals(List.of(requests.get(0).tracking().number()), requests.get(1).tracking().settled(),
              "n2 may forget a's request");
          assertEquals(1.0, sender.registry.counter("framechat.cluster.resent").count());
        });
        return seqs;
      });
    }));
  }

  @Test
  void aForwardAnsweredLateIsNotStoredTwiceByAStalledOwner(Vertx vertx, VertxTestContext ctx) {
    // two nodes on one event bus: "me" forwards x to n2, whose store stalls past the sender's timeout
    LocalNode sender = new LocalNode(vertx, "me", "n2");
    LocalNode owner = new LocalNode(vertx, "n2", "me");
    sender.history.owner = "n2";
    owner.history.hold = true;
    AtomicInteger toOwner = new AtomicInteger();
    Promise<Void> sentAgain = Promise.promise();
    on(vertx, ctx, sender, context -> owner.start().compose(started -> {
      vertx.eventBus().addInboundInterceptor(delivery -> {
        delivery.next();
        if (delivery.message().address().equals("framechat.cluster.node.n2") && toOwner.incrementAndGet() == 2) {
          context.runOnContext(v -> sentAgain.tryComplete()); // after the owner took it
        }
      });
      Future<Long> x = sender.sequencer.sequence(message("x"), NOWHERE);
      long flushing = vertx.setPeriodic(5, t -> sender.sequencer.flush());
      List<Future<Long>> between = new ArrayList<>();
      long waiting = vertx.setPeriodic(5, t -> {
        if (owner.history.appends == 1 && between.isEmpty()) {
          // x's append is held: the owner's own messages queue behind it, more than a room's recent ids
          IntStream.range(0, 1100).forEach(i -> between.add(owner.sequencer.sequence(message("own" + i), NOWHERE)));
        }
      });
      return sentAgain.future().compose(v -> {
        vertx.cancelTimer(waiting);
        owner.history.release();
        return Future.all(between);
      }).compose(v -> x).map(seq -> {
        vertx.cancelTimer(flushing);
        ctx.verify(() -> {
          assertEquals(1L, seq, "the seq of x's first try");
          assertEquals(1101, logged(owner).size());
          assertEquals(1, logged(owner).stream().filter("x"::equals).count(), "x stored once");
          assertEquals(1.0, sender.registry.counter("framechat.cluster.resent").count(), "x sent again, counted");
          assertEquals(1.0, owner.registry.counter("framechat.cluster.resent.known").count(), "and known, counted");
        });
        return seq;
      });
    }));
  }
}
