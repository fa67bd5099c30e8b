package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomHistoryTest {

  private ChatOptions options = ChatOptions.fromJson(new JsonObject().put("historySize", 5).put("historySeconds", 60));
  private final RoomHistory history = new RoomHistory(() -> options);

  /** As a single node does: takes the room up with a new epoch if it must, then numbers each message. */
  private void say(String room, int count, long ts) {
    if (!history.known(room)) {
      history.load(room, new HistorySlice(LocalSequencer.newEpoch(), 1, 0, List.of()), ts);
    }
    for (int i = 0; i < count; i++) {
      Position at = history.position(room);
      history.keep(room, at.epoch(), at.seq() + 1, ts, Buffer.buffer(Long.toString(at.seq() + 1)));
    }
  }

  private static List<Long> seqs(RoomHistory.Replay replay) {
    return replay.bodies().stream().map(body -> Long.parseLong(body.toString())).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  @DisplayName("seq grows by one per message from 1, per room, each room with its own epoch")
  void sequence_per_room() {
    say("a", 0, 0);
    assertEquals(0, history.position("a").seq());
    say("a", 3, 0);
    say("b", 1, 0);
    assertEquals(3, history.position("a").seq());
    assertEquals(1, history.position("b").seq());
    assertNotEquals(history.position("a").epoch(), history.position("b").epoch());
  }

  @Test
  @DisplayName("after a seq: what follows, complete while the window holds it, cut at the given end")
  void after_since() {
    say("r", 8, 0);
    String epoch = history.position("r").epoch();
    assertEquals(range(6, 8), seqs(history.after("r", 5, Long.MAX_VALUE, epoch, 0)));
    assertTrue(history.after("r", 5, Long.MAX_VALUE, epoch, 0).complete());
    assertTrue(history.after("r", 3, Long.MAX_VALUE, epoch, 0).complete());
    assertEquals(range(4, 8), seqs(history.after("r", 3, Long.MAX_VALUE, epoch, 0)));
    assertEquals(range(6, 7), seqs(history.after("r", 5, 7, epoch, 0)));
    assertTrue(history.after("r", 8, Long.MAX_VALUE, null, 0).complete());
    assertEquals(List.of(), seqs(history.after("r", 8, Long.MAX_VALUE, epoch, 0)));
  }

  @Test
  @DisplayName("not recovered: the window was exceeded, the epoch changed, or the seq is from the future")
  void not_recovered() {
    say("r", 8, 0);
    String epoch = history.position("r").epoch();
    RoomHistory.Replay exceeded = history.after("r", 2, Long.MAX_VALUE, epoch, 0);
    assertFalse(exceeded.complete());
    assertEquals(range(4, 8), seqs(exceeded));
    RoomHistory.Replay otherEpoch = history.after("r", 6, Long.MAX_VALUE, "other", 0);
    assertFalse(otherEpoch.complete());
    assertEquals(range(4, 8), seqs(otherEpoch));
    assertFalse(history.after("r", 9, Long.MAX_VALUE, epoch, 0).complete());
  }

  @Test
  @DisplayName("latest N, at most what is held")
  void latest() {
    say("r", 8, 0);
    assertEquals(range(7, 8), seqs(history.latest("r", 2, 0)));
    assertEquals(range(4, 8), seqs(history.latest("r", 50, 0)));
    assertEquals(8, history.latest("r", 1, 0).latest());
  }

  @Test
  @DisplayName("old messages expire; an idle room with nothing left is forgotten and starts a new epoch")
  void expiry() {
    say("r", 3, 0);
    say("r", 2, 50_000);
    String epoch = history.position("r").epoch();
    assertEquals(range(4, 5), seqs(history.latest("r", 10, 61_000)));
    assertFalse(history.after("r", 2, Long.MAX_VALUE, epoch, 61_000).complete());
    history.expire(200_000, room -> true);
    assertEquals(1, history.rooms());
    assertEquals(5, history.position("r").seq());
    history.expire(200_000, room -> false);
    assertEquals(0, history.rooms());
    assertFalse(history.known("r"));
    assertEquals(new Position(0, null), history.position("r"));
    say("r", 1, 200_000);
    assertEquals(1, history.position("r").seq());
    assertNotEquals(epoch, history.position("r").epoch());
  }

  @Test
  @DisplayName("messages stamped elsewhere are kept once, and a new epoch restarts the log")
  void recorded() {
    history.keep("r", "e1", 1, 0, Buffer.buffer("1"));
    history.keep("r", "e1", 2, 0, Buffer.buffer("2"));
    history.keep("r", "e1", 2, 0, Buffer.buffer("2"));
    assertEquals(range(1, 2), seqs(history.latest("r", 10, 0)));
    history.keep("r", "e2", 1, 0, Buffer.buffer("1"));
    assertEquals(new Position(1, "e2"), history.position("r"));
    assertEquals(range(1, 1), seqs(history.latest("r", 10, 0)));
  }

  @Test
  @DisplayName("historySize 0 keeps nothing but still numbers messages")
  void no_history() {
    options = ChatOptions.fromJson(new JsonObject().put("historySize", 0));
    say("r", 3, 0);
    assertEquals(3, history.position("r").seq());
    assertEquals(List.of(), seqs(history.latest("r", 10, 0)));
    assertFalse(history.after("r", 1, Long.MAX_VALUE, null, 0).complete());
    assertTrue(history.after("r", 3, Long.MAX_VALUE, null, 0).complete());
  }

  private static List<Buffer> bodies(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(seq -> Buffer.buffer(Long.toString(seq))).toList();
  }

  @Test
  @DisplayName("a room is followed once loaded; older history goes before what arrived meanwhile")
  void cluster_load() {
    RoomHistory node = new RoomHistory(() -> options);
    assertFalse(node.known("r"));
    assertEquals(new Position(0, null), node.position("r"));
    node.keep("r", "e", 9, 0, Buffer.buffer("9"));
    assertFalse(node.known("r"), "a message came, but the room's earlier history is not here yet");
    node.load("r", new HistorySlice("e", 6, 9, bodies(6, 9)), 0);
    assertTrue(node.known("r"));
    assertEquals(new Position(9, "e"), node.position("r"));
    assertEquals(range(6, 9), seqs(node.after("r", 5, Long.MAX_VALUE, "e", 0)));
    assertTrue(node.after("r", 5, Long.MAX_VALUE, "e", 0).complete());
    assertFalse(node.after("r", 4, Long.MAX_VALUE, "e", 0).complete(), "5 is gone from the shared history too");
  }

  @Test
  @DisplayName("a room loaded while it holds messages that came live: the shared history's newer ones and those in a"
      + " hole go in too (a sequencer that died may have stored them without sending them on)")
  void cluster_load_newer_than_held() {
    RoomHistory node = new RoomHistory(() -> options);
    node.keep("r", "e", 5, 0, Buffer.buffer("5"));
    node.keep("r", "e", 7, 0, Buffer.buffer("7"));
    node.load("r", new HistorySlice("e", 5, 9, bodies(5, 9)), 0);
    assertEquals(new Position(9, "e"), node.position("r"));
    RoomHistory.Replay replay = node.after("r", 4, Long.MAX_VALUE, "e", 0);
    assertEquals(range(5, 9), seqs(replay));
    assertTrue(replay.complete(), "a resume from 4 is whole");
    assertFalse(node.keep("r", "e", 8, 0, Buffer.buffer("8")), "sent on later: held already");
  }

  @Test
  @DisplayName("a slice whose messages go past its latest seq (appended while it was read): the position is the newest")
  void cluster_load_past_the_slices_tail() {
    RoomHistory node = new RoomHistory(() -> options);
    node.keep("r", "e", 5, 0, Buffer.buffer("5"));
    node.load("r", new HistorySlice("e", 5, 7, bodies(5, 9)), 0);
    assertEquals(new Position(9, "e"), node.position("r"));
    assertFalse(node.keep("r", "e", 9, 0, Buffer.buffer("9")), "held already, not held twice");
    assertTrue(node.keep("r", "e", 10, 0, Buffer.buffer("10")));
    RoomHistory.Replay replay = node.after("r", 6, Long.MAX_VALUE, "e", 0);
    assertEquals(range(7, 10), seqs(replay));
    assertTrue(replay.complete());
  }

  @Test
  @DisplayName("a late message takes its place; a hole makes a replay incomplete")
  void cluster_late_and_holes() {
    RoomHistory node = new RoomHistory(() -> options);
    node.load("r", HistorySlice.EMPTY, 0);
    assertEquals(new Position(0, null), node.position("r"));
    node.keep("r", "e", 1, 0, Buffer.buffer("1"));
    node.keep("r", "e", 3, 0, Buffer.buffer("3"));
    assertFalse(node.after("r", 0, Long.MAX_VALUE, "e", 0).complete(), "2 is missing");
    node.keep("r", "e", 2, 0, Buffer.buffer("2"));
    node.keep("r", "e", 2, 0, Buffer.buffer("2"));
    RoomHistory.Replay replay = node.after("r", 0, Long.MAX_VALUE, "e", 0);
    assertEquals(range(1, 3), seqs(replay));
    assertTrue(replay.complete());
  }

  @Test
  @DisplayName("all rooms together stay under chat.historyMaxBytes: the oldest messages of the largest rooms give way, counted")
  void global_bound_takes_from_the_largest_room() {
    options = ChatOptions.fromJson(new JsonObject().put("historySize", 1000).put("historyMaxBytes", 20_000));
    int[] evicted = {0};
    RoomHistory bounded = new RoomHistory(() -> options, n -> evicted[0] += n);
    String kilobyte = "x".repeat(1000);
    for (String room : List.of("big", "small")) {
      bounded.load(room, new HistorySlice("e", 1, 0, List.of()), 0);
    }
    for (int seq = 1; seq <= 30; seq++) {
      bounded.keep("big", "e", seq, 0, Buffer.buffer(kilobyte));
      assertTrue(bounded.bytes() <= 20_000, bounded.bytes() + " bytes");
    }
    for (int seq = 1; seq <= 3; seq++) {
      bounded.keep("small", "e", seq, 0, Buffer.buffer(kilobyte));
    }
    assertTrue(bounded.bytes() <= 20_000, bounded.bytes() + " bytes");
    assertEquals(3, bounded.latest("small", 10, 0).bodies().size(), "the small room kept all it had");
    List<Buffer> big = bounded.latest("big", 100, 0).bodies();
    assertTrue(big.size() < 30 && big.size() > 10, big.size() + " left in the big room");
    assertEquals(33 - 3 - big.size(), evicted[0]);
    assertFalse(bounded.after("big", 0, Long.MAX_VALUE, "e", 0).complete(), "a replay from the start says it is incomplete");
  }
}
