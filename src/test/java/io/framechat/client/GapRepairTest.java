package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
class GapRepairTest {

  /** A connection that keeps what is sent and lets the test hand it frames. */
  private static final class Recorded implements ChatConnection {
    final Context context;
    final List<JsonObject> sent = new CopyOnWriteArrayList<>();
    Handler<Buffer> bodies;

    Recorded(Vertx vertx) {
      context = vertx.getOrCreateContext();
    }

    void receive(JsonObject frame) {
      context.runOnContext(v -> bodies.handle(frame.toBuffer()));
    }

    @Override
    public String transport() {
      return "udp";
    }

    @Override
    public Context context() {
      return context;
    }

    @Override
    public Future<Void> send(String body) {
      sent.add(new JsonObject(body));
      return Future.succeededFuture();
    }

    @Override
    public ChatConnection bodyHandler(Handler<Buffer> handler) {
      bodies = handler;
      return this;
    }

    @Override
    public ChatConnection closeHandler(Handler<Void> handler) {
      return this;
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private static JsonObject message(long seq) {
    return new JsonObject().put("type", "message").put("room", "dev").put("from", "a").put("text", "t")
        .put("seq", seq).put("epoch", "e1");
  }

  /** Frames past the tail-check time: a room quiet that long is asked about once, unless repair stopped. */
  private static List<JsonObject> afterQuiet(Vertx vertx, boolean stop) {
    Recorded connection = new Recorded(vertx);
    SeqTracker tracker = new SeqTracker(GapRepair.RETRY_MILLIS, GapRepair.MAX_ATTEMPTS, 1);
    GapRepair repair = new GapRepair(connection, tracker).frameHandler(frame -> { });
    connection.receive(new JsonObject().put("type", "joined").put("room", "dev").put("seq", 0).put("epoch", "e1"));
    connection.receive(message(1));
    settled(connection);
    long seen = System.currentTimeMillis();
    while (System.currentTimeMillis() < seen + 3) {
      Thread.onSpinWait(); // the room is now quiet for longer than the 1 ms tail check
    }
    if (stop) {
      repair.stop();
    }
    connection.receive(new JsonObject().put("type", "bye").put("reason", "quit"));
    settled(connection);
    return connection.sent;
  }

  /** Returns once every frame handed over so far has been handled (they run in order on one event loop). */
  private static void settled(Recorded connection) {
    Future.<Void>future(done -> connection.context.runOnContext(v -> done.complete())).await();
  }

  @Test
  @DisplayName("a frame after a quiet spell asks whether the room's last message was lost; once repair is stopped (quit), nothing is sent")
  void nothing_after_stop(Vertx vertx) {
    assertEquals(List.of("history"), afterQuiet(vertx, false).stream().map(f -> f.getString("type")).toList());
    assertEquals(List.of(), afterQuiet(vertx, true));
  }

  @Test
  @DisplayName("replies come in the order of requests: a resume's recovered is passed on, the repair's own after it is not")
  void resume_replies_are_told_from_own(Vertx vertx) {
    Recorded connection = new Recorded(vertx);
    List<JsonObject> shown = new CopyOnWriteArrayList<>();
    GapRepair repair = new GapRepair(connection, new SeqTracker(GapRepair.RETRY_MILLIS, GapRepair.MAX_ATTEMPTS, 0))
        .frameHandler(shown::add);
    connection.context.runOnContext(v -> repair.expectReplies(List.of("dev")));
    connection.receive(new JsonObject().put("type", "joined").put("room", "dev").put("seq", 0).put("epoch", "e1"));
    connection.receive(message(1));
    connection.receive(message(3));
    settled(connection);
    assertEquals(List.of("history"), connection.sent.stream().map(f -> f.getString("type")).toList(), "seq 2 asked for");
    JsonObject resumed = new JsonObject().put("type", "recovered").put("room", "dev").put("recovered", false)
        .put("seq", 3).put("epoch", "e1");
    JsonObject repaired = resumed.copy().put("recovered", true).put("seq", 2);
    connection.receive(resumed);
    connection.receive(repaired);
    settled(connection);
    assertEquals(List.of(resumed), shown.stream().filter(f -> "recovered".equals(f.getString("type"))).toList());
  }
}
