package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Room sequence numbers, replay on join, history requests and resuming, over real TCP sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class HistoryTest {

  private Vertx vertx;
  private FramechatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = TestServers.start(vertx, new JsonObject().put("chat", new JsonObject().put("historySize", 200).put("replayOnJoin", 20)));
  }

  private TestClient connect() {
    return TestClient.tcp(vertx, server.tcpPort());
  }

  private static JsonObject say(String room, String text) {
    return new JsonObject().put("type", "say").put("room", room).put("text", text);
  }

  /** Message frames of {@code room} until the one with {@code seq}, skipping other frames. */
  private static List<JsonObject> messagesUntil(TestClient client, String room, long seq) {
    List<JsonObject> messages = new ArrayList<>();
    while (true) {
      JsonObject frame = client.next();
      if ("message".equals(frame.getString("type")) && room.equals(frame.getString("room"))) {
        messages.add(frame);
        if (frame.getLong("seq") == seq && frame.getBoolean("history") == null) {
          return messages;
        }
      }
    }
  }

  private static List<Long> seqs(List<JsonObject> messages) {
    return messages.stream().map(m -> m.getLong("seq")).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  @DisplayName("messages carry seq, one more per message in the room, and the room's epoch")
  void messages_are_sequenced() {
    TestClient alice = connect().hello("alice").join("r");
    TestClient bob = connect().hello("bob").join("r");
    for (int i = 1; i <= 3; i++) {
      alice.send(say("r", "m" + i));
    }
    List<JsonObject> seen = messagesUntil(bob, "r", 3);
    assertEquals(range(1, 3), seqs(seen));
    String epoch = seen.get(0).getString("epoch");
    assertNotNull(epoch);
    assertTrue(seen.stream().allMatch(m -> epoch.equals(m.getString("epoch")) && m.getValue("ts") != null
        && m.getString("id") != null && m.getBoolean("history") == null));
    bob.send(say("lobby", "elsewhere"));
    assertEquals(1L, bob.nextOfType("message").getLong("seq"), "each room has its own sequence");
  }

  @Test
  @DisplayName("join replays the latest messages as history, then live ones: no gap, no duplicate at the seam")
  void join_seam_under_concurrent_sends() {
    TestClient watcher = connect().join("busy");
    List<TestClient> senders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      senders.add(connect().hello("sender" + i).join("busy"));
    }
    int each = 300;
    long total = 3L * each;
    List<Future<Void>> sending = senders.stream().map(s -> s.chatter(vertx, "busy", each)).toList();
    while (watcher.nextOfType("message").getLong("seq") < total / 3) {
      // wait until a third of the messages went out: the join lands while the senders are busy
    }
    TestClient joiner = connect().hello("joiner");
    joiner.send(new JsonObject().put("type", "join").put("room", "busy"));
    JsonObject joined = joiner.nextOfType("joined");
    long at = joined.getLong("seq");
    assertTrue(at >= total / 3 && at < total, "joined while messages flowed, at " + at);
    List<JsonObject> received = messagesUntil(joiner, "busy", total);
    List<JsonObject> history = received.stream().filter(m -> Boolean.TRUE.equals(m.getBoolean("history"))).toList();
    assertEquals(range(at - 19, at), seqs(history), "the latest 20 as history");
    assertEquals(range(at - 19, total), seqs(received), "history then live, each seq once, in order");
    assertEquals(history, received.subList(0, 20), "history comes before any live message");
    Future.all(sending).await();
  }

  @Test
  @DisplayName("a client whose TCP connection dropped resumes with nothing missed while others kept chatting")
  void resume_after_dropped_connection() throws Exception {
    TestClient talker = connect().hello("talker").join("a").join("b");
    TestClient roamer = connect().hello("roamer").join("a").join("b");
    talker.send(say("a", "a1")).send(say("b", "b1")).send(say("a", "a2"));
    List<JsonObject> before = new ArrayList<>();
    while (before.size() < 3) {
      before.add(roamer.nextOfType("message"));
    }
    assertEquals(List.of("a", "b", "a"), before.stream().map(m -> m.getString("room")).toList());
    assertEquals(List.of(1L, 1L, 2L), seqs(before));
    String epochA = before.get(0).getString("epoch");
    roamer.close();

    int during = 150;
    Future<Void> chatA = talker.chatter(vertx, "a", during);
    Future<Void> chatB = talker.chatter(vertx, "b", during);
    chatA.await(10, TimeUnit.SECONDS);
    TestClient back = connect();
    back.send(new JsonObject().put("type", "hello").put("resume", new JsonObject()
        .put("a", new JsonObject().put("seq", 2).put("epoch", epochA))
        .put("b", 1)));
    chatB.await(10, TimeUnit.SECONDS);
    long lastA = 2L + during;
    long lastBSeq = 1L + during;
    List<JsonObject> frames = new ArrayList<>();
    List<Long> seqsA = new ArrayList<>();
    List<Long> seqsB = new ArrayList<>();
    int recoveredFrames = 0;
    talker.send(say("a", "after")).send(say("b", "after"));
    while (seqsA.isEmpty() || seqsA.get(seqsA.size() - 1) <= lastA
        || seqsB.isEmpty() || seqsB.get(seqsB.size() - 1) <= lastBSeq) {
      JsonObject frame = back.next();
      frames.add(frame);
      String type = frame.getString("type");
      if ("recovered".equals(type)) {
        assertTrue(frame.getBoolean("recovered"), frame.encode());
        recoveredFrames++;
      } else if ("message".equals(type) && "a".equals(frame.getString("room"))) {
        seqsA.add(frame.getLong("seq"));
      } else if ("message".equals(type) && "b".equals(frame.getString("room"))) {
        seqsB.add(frame.getLong("seq"));
      }
    }
    assertEquals(range(3, lastA + 1), seqsA, "room a: every message after 2, once, in order");
    assertEquals(range(2, lastBSeq + 1), seqsB, "room b: every message after 1, once, in order");
    assertEquals(2, recoveredFrames);
    long replayed = frames.stream().filter(f -> Boolean.TRUE.equals(f.getBoolean("history"))).count();
    System.out.printf("resume: %d messages said while disconnected, %d recovered from history, 0 missed%n",
        2 * during, replayed);
  }

  @Test
  @DisplayName("recovered is false when the history no longer holds what followed the seq, or the epoch changed")
  void not_recovered_when_window_exceeded() {
    TestClient talker = connect().hello("talker").join("w");
    TestClient away = connect().hello("away").join("w");
    talker.send(say("w", "first"));
    JsonObject first = away.nextOfType("message");
    away.send(new JsonObject().put("type", "leave").put("room", "w"));
    away.nextOfType("left");
    for (int i = 0; i < 250; i++) {
      talker.send(say("w", "m" + i));
    }
    talker.send(new JsonObject().put("type", "history").put("room", "w").put("limit", 1));
    assertEquals(251L, talker.nextOfType("recovered").getLong("seq"));
    away.send(new JsonObject().put("type", "join").put("room", "w").put("resume", first.getLong("seq")));
    JsonObject joined = away.next("joined");
    assertEquals(251L, joined.getLong("seq"));
    List<JsonObject> replay = new ArrayList<>();
    JsonObject end = away.next();
    while (!"recovered".equals(end.getString("type"))) {
      replay.add(end);
      end = away.next();
    }
    assertEquals(range(52, 251), seqs(replay), "what the 200-message window still holds");
    assertFalse(end.getBoolean("recovered"));
    assertEquals(251L, end.getLong("seq"));

    away.send(new JsonObject().put("type", "history").put("room", "w").put("since", 245).put("epoch", "gone"));
    List<JsonObject> other = new ArrayList<>();
    end = away.next();
    while (!"recovered".equals(end.getString("type"))) {
      other.add(end);
      end = away.next();
    }
    assertFalse(end.getBoolean("recovered"), "another epoch: the client cannot trust its seq");
    assertEquals(200, other.size());
    away.send(new JsonObject().put("type", "history").put("room", "w").put("since", 245)
        .put("epoch", first.getString("epoch")));
    assertEquals(range(246, 251), seqs(away.sync().subList(0, 6)));
  }

  @Test
  @DisplayName("history gives the latest N or what follows a seq, to members only; /history works too")
  void history_requests() {
    TestClient alice = connect().hello("alice").join("h");
    for (int i = 1; i <= 5; i++) {
      alice.send(say("h", "m" + i));
    }
    messagesUntil(alice, "h", 5);
    alice.send(new JsonObject().put("type", "history").put("room", "h").put("limit", 2));
    List<JsonObject> latest = alice.sync();
    assertEquals(3, latest.size());
    assertEquals(range(4, 5), seqs(latest.subList(0, 2)));
    assertTrue(latest.get(0).getBoolean("history"));
    assertEquals(new JsonObject().put("type", "recovered").put("room", "h").put("recovered", true).put("seq", 5L)
        .put("epoch", latest.get(0).getString("epoch")), latest.get(2));
    alice.send(new JsonObject().put("type", "history").put("room", "h").put("since", 3));
    assertEquals(range(4, 5), seqs(alice.sync().subList(0, 2)));
    alice.send("/history 1");
    assertEquals(List.of(5L), seqs(alice.sync().subList(0, 1)));
    alice.send(new JsonObject().put("type", "history").put("room", "h").put("since", 5));
    List<JsonObject> none = alice.sync();
    assertEquals(1, none.size());
    assertTrue(none.get(0).getBoolean("recovered"));

    TestClient outsider = connect();
    outsider.send(new JsonObject().put("type", "history").put("room", "h").put("limit", 2));
    outsider.nextError("not_in_room");
    outsider.send(new JsonObject().put("type", "history").put("room", "h").put("since", -1));
    outsider.nextError("bad_request");
  }

  @Test
  @DisplayName("welcome and joined tell where the room stands; a plain join of a quiet room replays nothing")
  void positions_in_replies() {
    TestClient alice = connect().hello("alice");
    alice.send(say("lobby", "hi"));
    long lobbySeq = alice.nextOfType("message").getLong("seq");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort(), io.framechat.protocol.HeaderByteOrder.BIG);
    JsonObject welcome = bob.next("welcome");
    assertEquals(lobbySeq, welcome.getLong("seq"));
    assertNotNull(welcome.getString("epoch"));
    bob.send(new JsonObject().put("type", "join").put("room", "quiet"));
    JsonObject joined = bob.next("joined");
    assertEquals(0L, joined.getLong("seq"));
    bob.assertNothingPending();
  }
}
