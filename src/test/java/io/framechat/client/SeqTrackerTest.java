package io.framechat.client;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.framechat.client.SeqTracker.Verdict.DUPLICATE;
import static io.framechat.client.SeqTracker.Verdict.NEW;
import static io.framechat.client.SeqTracker.Verdict.REPAIRED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SeqTrackerTest {

  private final SeqTracker tracker = new SeqTracker(1000, 3, 0);

  private static JsonObject message(long seq) {
    return new JsonObject().put("type", "message").put("room", "r").put("text", "m" + seq).put("seq", seq)
        .put("epoch", "e");
  }

  private static JsonObject history(long seq) {
    return message(seq).put("history", true);
  }

  private static JsonObject joined(long seq) {
    return new JsonObject().put("type", "joined").put("room", "r").put("members", 1).put("seq", seq).put("epoch", "e");
  }

  private static JsonObject recovered(boolean recovered, long seq) {
    return new JsonObject().put("type", "recovered").put("room", "r").put("recovered", recovered).put("seq", seq)
        .put("epoch", "e");
  }

  private static JsonObject request(long since, long until) {
    return probe(since).put("until", until);
  }

  private static JsonObject probe(long since) {
    return new JsonObject().put("type", "history").put("room", "r").put("since", since).put("epoch", "e");
  }

  @Test
  @DisplayName("a contiguous stream is all new, with no request")
  void contiguous() {
    tracker.onFrame(joined(4), 0);
    for (long seq = 5; seq <= 9; seq++) {
      assertEquals(NEW, tracker.onFrame(message(seq), 0));
    }
    assertEquals(List.of(), tracker.requests(0));
    assertEquals(0, tracker.counts().gaps());
  }

  @Test
  @DisplayName("a gap is asked for from the seq before it; the replay repairs it and repeats are dropped")
  void gap_repaired() {
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(2), 0);
    assertEquals(NEW, tracker.onFrame(message(5), 0));
    assertEquals(2, tracker.counts().gaps());
    assertEquals(List.of(request(2, 4)), tracker.requests(0));
    assertEquals(List.of(), tracker.requests(10), "not asked twice while the answer may be on its way");
    assertEquals(REPAIRED, tracker.onFrame(history(3), 20));
    assertEquals(REPAIRED, tracker.onFrame(history(4), 20));
    assertEquals(DUPLICATE, tracker.onFrame(history(5), 20));
    tracker.onFrame(recovered(true, 5), 20);
    assertEquals(2, tracker.counts().repaired());
    assertEquals(1, tracker.counts().duplicates());
    assertEquals(0, tracker.missing());
    assertEquals(NEW, tracker.onFrame(message(6), 30));
  }

  @Test
  @DisplayName("a late datagram fills its gap; a lost replay is asked again, then given up")
  void late_and_retry() {
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(3), 0);
    assertEquals(REPAIRED, tracker.onFrame(message(2), 0));
    tracker.onFrame(message(5), 0);
    assertEquals(List.of(request(3, 4)), tracker.requests(0));
    assertEquals(List.of(request(3, 4)), tracker.requests(1000), "no answer: asked again");
    tracker.onFrame(recovered(true, 5), 1100);
    assertEquals(List.of(), tracker.requests(1100), "recovered, yet seq 4 did not come: wait, then ask again");
    assertEquals(List.of(request(3, 4)), tracker.requests(2000));
    assertEquals(List.of(), tracker.requests(3000), "three attempts: lost");
    assertEquals(1, tracker.counts().lost());
    assertEquals(0, tracker.missing());
  }

  @Test
  @DisplayName("recovered:false counts the messages the window no longer holds as lost")
  void not_recovered() {
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(9), 0);
    tracker.requests(0);
    tracker.onFrame(history(6), 0);
    tracker.onFrame(history(7), 0);
    tracker.onFrame(history(8), 0);
    tracker.onFrame(recovered(false, 9), 0);
    assertEquals(3, tracker.counts().repaired());
    assertEquals(4, tracker.counts().lost());
    assertEquals(List.of(), tracker.requests(5000));
  }

  @Test
  @DisplayName("history on join (not asked by the tracker) is shown, even below the joined seq")
  void join_replay_shown() {
    tracker.onFrame(joined(3), 0);
    assertEquals(NEW, tracker.onFrame(history(1), 0));
    assertEquals(NEW, tracker.onFrame(history(2), 0));
    assertEquals(NEW, tracker.onFrame(history(3), 0));
    assertEquals(NEW, tracker.onFrame(message(4), 0));
    assertEquals(DUPLICATE, tracker.onFrame(message(4), 0));
    assertEquals(0, tracker.counts().gaps());
  }

  @Test
  @DisplayName("after a reconnect, resume names the last seq seen; the rejoin's replay repairs the rest")
  void reconnect() {
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(2), 0);
    assertEquals(new JsonObject().put("r", new JsonObject().put("seq", 2L).put("epoch", "e")), tracker.resume());
    tracker.resuming(100);
    tracker.onFrame(joined(6), 100);
    assertEquals(List.of(), tracker.requests(150), "the resume is on its way");
    for (long seq = 3; seq <= 6; seq++) {
      assertEquals(REPAIRED, tracker.onFrame(history(seq), 150));
    }
    tracker.onFrame(recovered(true, 6), 150);
    assertEquals(NEW, tracker.onFrame(message(7), 150));
    assertEquals(4, tracker.counts().repaired());
    assertEquals(0, tracker.counts().lost());
  }

  @Test
  @DisplayName("resume names every room in the order entered: up to its first gap, and a room never spoken in by seq alone")
  void resume_every_room() {
    tracker.onFrame(new JsonObject().put("type", "welcome").put("room", "quiet").put("seq", 0).putNull("epoch"), 0);
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(4), 0);
    JsonObject resume = tracker.resume();
    assertEquals(List.of("quiet", "r"), List.copyOf(resume.fieldNames()));
    assertEquals(0L, resume.getValue("quiet"));
    assertEquals(new JsonObject().put("seq", 1L).put("epoch", "e"), resume.getJsonObject("r"));
  }

  @Test
  @DisplayName("a new epoch restarts the room: what was missing is lost, the new stream is followed")
  void new_epoch() {
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(4), 0);
    assertEquals(NEW, tracker.onFrame(message(1).put("epoch", "f"), 0));
    assertEquals(2, tracker.counts().lost());
    assertEquals(NEW, tracker.onFrame(message(2).put("epoch", "f"), 0));
    assertEquals(List.of(), tracker.requests(0));
  }

  @Test
  @DisplayName("each run of missing seqs is asked for on its own, at once; a new gap does not wait for an older one")
  void ranges() {
    tracker.onFrame(joined(0), 0);
    tracker.onFrame(message(1), 0);
    tracker.onFrame(message(3), 0);
    tracker.onFrame(message(6), 0);
    assertEquals(List.of(request(1, 2), request(3, 5)), tracker.requests(0));
    tracker.onFrame(message(9), 10);
    assertEquals(List.of(request(6, 8)), tracker.requests(10));
    assertEquals(List.of(), tracker.requests(20));
  }

  @Test
  @DisplayName("a quiet room is asked once whether its last message was lost; the answer reveals the tail")
  void tail_check() {
    SeqTracker udp = new SeqTracker(1000, 3, 500);
    udp.onFrame(joined(0), 0);
    udp.onFrame(message(1), 0);
    assertEquals(List.of(), udp.requests(400));
    assertEquals(List.of(probe(1)), udp.requests(500));
    assertEquals(List.of(), udp.requests(5000), "asked once per quiet spell");
    udp.onFrame(recovered(true, 3), 5000);
    assertEquals(List.of(request(1, 3)), udp.requests(5000), "2 and 3 were lost: asked for");
    assertEquals(REPAIRED, udp.onFrame(history(2), 5000));
    assertEquals(REPAIRED, udp.onFrame(history(3), 5000));
    assertEquals(0, udp.missing());
  }
}
