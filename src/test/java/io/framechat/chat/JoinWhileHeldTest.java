package io.framechat.chat;

import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A room whose messages wait here for one before them (two sequencers for a moment, as while a
 * cluster room's owner changes): a client entering it then gets each message once, in order,
 * whether it joins or resumes. The sequencer here is the test: it hands the hub numbered messages
 * in the order it likes, as a cluster's may.
 */
class JoinWhileHeldTest {

  private static final String EPOCH = "7";

  private Sequencer.Sink sink;
  private ChatDriver chat;
  private long alice;

  @BeforeEach
  void roomWithMessageThreeWaitingForTwo() {
    chat = new ChatDriver(Peers.NONE, new Sequencer() {
      @Override
      public void start(Sink given) {
        sink = given;
      }

      @Override
      public Future<Long> sequence(RoomMessage message, Position here) {
        return Future.failedFuture("this test numbers messages itself");
      }

      @Override
      public Future<HistorySlice> load(String room) {
        return Future.succeededFuture(new HistorySlice(EPOCH, 1, 0, List.of()));
      }

      @Override
      public void expire(Predicate<String> inUseHere) {
      }
    });
    alice = chat.connect("g1");
    chat.send(alice, "/nick alice", "/join r").flush();
    chat.take(alice);
    stamp(1);
    stamp(3);
    chat.flush();
    assertEquals(List.of(1L), seqs(chat.take(alice)), "3 waits for 2");
  }

  @Test
  @DisplayName("a client joining while a message waits for the one before it gets each message once, in order")
  void join_while_held() {
    long bob = chat.connect("g1");
    chat.send(bob, "/nick bob", "/join r").flush();
    stamp(2);
    chat.flush();
    assertEquals(List.of(2L, 3L), seqs(chat.take(alice)));
    List<JsonObject> frames = chat.take(bob);
    assertEquals(List.of(1L, 2L, 3L), seqs(frames), "bob's frames: " + frames);
    JsonObject joined = frames.stream().filter(f -> "joined".equals(f.getString("type"))).findFirst().orElseThrow();
    assertEquals(3, joined.getLong("seq"), "bob enters at the last seq the members here were handed");
  }

  @Test
  @DisplayName("a client resuming while a message waits for the one before it gets the rest once, in order")
  void resume_while_held() {
    long bob = chat.connect("g1");
    chat.send(bob, "/nick bob",
        "{\"type\":\"join\",\"room\":\"r\",\"resume\":{\"r\":{\"seq\":1,\"epoch\":\"" + EPOCH + "\"}}}").flush();
    stamp(2);
    chat.flush();
    List<JsonObject> frames = chat.take(bob);
    assertEquals(List.of(2L, 3L), seqs(frames), "bob's frames: " + frames);
  }

  @Test
  @DisplayName("a member making the room current meanwhile is answered at once: nothing it is replayed comes live")
  void current_again_while_held() {
    chat.send(alice, "/join r").flush();
    assertEquals(List.of("joined r"), chat.summary(alice), "answered before the gap is filled");
    stamp(2);
    chat.flush();
    assertEquals(List.of(2L, 3L), seqs(chat.take(alice)));
  }

  private void stamp(long seq) {
    RoomMessage message = new RoomMessage("m" + seq, "r", "carol", "text " + seq, 1_700_000_000_000L);
    sink.stamped("r", EPOCH, seq, message.encode(seq, EPOCH));
  }

  /** The seqs of the room messages among {@code frames}, live or replayed, in the order they came. */
  private static List<Long> seqs(List<JsonObject> frames) {
    return frames.stream().filter(f -> "message".equals(f.getString("type"))).map(f -> f.getLong("seq")).toList();
  }
}
