package io.framechat.cluster;

import io.framechat.chat.Sequencer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The numbering of a room's messages by its owner, over a history in memory (no Hazelcast). */
class RoomSequencerTest {

  private record Stamped(String room, String epoch, long firstSeq, List<Buffer> bodies) {
    long seq(int i) {
      return new JsonObject(bodies.get(i)).getLong("seq");
    }
  }

  private MemoryHistory history;
  private final List<Stamped> sink = new ArrayList<>();
  private int maxPending = 100;
  private int unstored;
  private RoomSequencer sequencer;

  @BeforeEach
  void setUp() {
    history = new MemoryHistory("me");
    sink.clear();
    unstored = 0;
    sequencer = new RoomSequencer(history, RoomKeeper.NONE, (room, epoch, first, bodies) -> sink.add(
        new Stamped(room, epoch, first, List.copyOf(bodies))), () -> maxPending, n -> unstored += n);
  }

  private static RoomSequencer.Pending message(String id) {
    return new RoomSequencer.Pending(id, new JsonObject().put("type", "message").put("room", "r").put("id", id)
        .put("text", "text of " + id).toBuffer());
  }

  private List<Long> seqs(List<Future<Long>> futures) {
    futures.forEach(f -> assertTrue(f.succeeded(), () -> "failed: " + f.cause()));
    return futures.stream().map(Future::result).toList();
  }

  @Test
  void messagesAreNumberedInTheOrderTheyCame() {
    assertEquals(List.of(1L, 2L), seqs(sequencer.append("r", List.of(message("a"), message("b")))));
    assertEquals(List.of(3L), seqs(sequencer.append("r", List.of(message("c")))));
    assertEquals(1, sink.get(0).firstSeq());
    assertEquals(3, sink.get(1).firstSeq());
    assertEquals(2, sink.get(0).seq(1));
    assertEquals(sink.get(0).epoch(), sink.get(1).epoch(), "one epoch while the log holds");
  }

  @Test
  void messagesArrivingDuringAnAppendGoInTheNextOne() {
    history.hold = true;
    List<Future<Long>> first = sequencer.append("r", List.of(message("a")));
    List<Future<Long>> meanwhile = new ArrayList<>();
    for (String id : List.of("b", "c", "d")) {
      meanwhile.addAll(sequencer.append("r", List.of(message(id))));
    }
    assertEquals(1, history.appends, "one append in flight per room");
    history.release();
    assertEquals(List.of(1L), seqs(first));
    assertEquals(List.of(2L, 3L, 4L), seqs(meanwhile));
    assertEquals(2, history.appends, "the three that waited went in one append");
  }

  @Test
  void aBacklogLongerThanOneAppendTakesGoesInSeveralInOrder() {
    maxPending = 5000;
    history.hold = true;
    List<Future<Long>> first = sequencer.append("r", List.of(message("first")));
    List<RoomSequencer.Pending> backlog = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      backlog.add(message("m" + i));
    }
    List<Future<Long>> waiting = sequencer.append("r", backlog);
    history.release();
    assertEquals(List.of(1L), seqs(first));
    assertEquals(LongStream.rangeClosed(2, 2501).boxed().toList(), seqs(waiting));
    assertEquals(List.of(1, 1000, 1000, 500), sink.stream().map(s -> s.bodies().size()).toList(),
        "the first, then the backlog in appends of at most " + SharedHistory.MAX_APPEND);
    assertEquals(2501, history.logs.get("r").size());
  }

  @Test
  void aMessageSentAgainIsStoredOnce() {
    seqs(sequencer.append("r", List.of(message("a"))));
    assertEquals(List.of(-1L, 2L), seqs(sequencer.append("r", List.of(message("a"), message("b")))));
    assertEquals(2, history.logs.get("r").size());
  }

  @Test
  void takingUpARoomSendsOnWhatItsHistoryHolds() {
    // a node that died stored two messages and may not have passed them on
    RoomSequencer before = new RoomSequencer(history, RoomKeeper.NONE, (room, epoch, first, bodies) -> { }, () -> 100, n -> { });
    seqs(before.append("r", List.of(message("a"), message("b"))));
    assertEquals(List.of(3L), seqs(sequencer.append("r", List.of(message("c")))));
    assertEquals(2, sink.size());
    assertEquals(1, sink.get(0).firstSeq(), "what the history held, first");
    assertEquals(2, sink.get(0).bodies().size());
    assertEquals(3, sink.get(1).firstSeq());
    assertEquals(List.of(-1L), seqs(sequencer.append("r", List.of(message("b")))), "its ids are known");
  }

  @Test
  void aHistoryLostMeansANewEpoch() {
    seqs(sequencer.append("r", List.of(message("a"), message("b"))));
    String epoch = sink.get(0).epoch();
    history.logs.remove("r"); // the keeper lost the room: seqs start again
    assertEquals(List.of(1L), seqs(sequencer.append("r", List.of(message("c")))));
    assertNotEquals(epoch, sink.get(1).epoch(), "seq 1 again under a new epoch");
  }

  @Test
  void pastTheBoundASenderIsToldBusy() {
    maxPending = 3;
    history.hold = true;
    sequencer.append("r", List.of(message("first")));
    List<Future<Long>> waiting = sequencer.append("r",
        List.of(message("a"), message("b"), message("c"), message("d"), message("e")));
    assertInstanceOf(Sequencer.Busy.class, waiting.get(3).cause());
    assertInstanceOf(Sequencer.Busy.class, waiting.get(4).cause());
    history.release();
    assertEquals(List.of(2L, 3L, 4L), seqs(waiting.subList(0, 3)), "those under the bound are numbered");
  }

  @Test
  void aFailedStoreFailsItsMessagesAndTheRoomIsTakenUpAgain() {
    seqs(sequencer.append("r", List.of(message("a"))));
    history.failAppends = new IllegalStateException("store down");
    Future<Long> failed = sequencer.append("r", List.of(message("b"))).get(0);
    assertEquals("store down", failed.cause().getMessage());
    history.failAppends = null;
    int sent = sink.size();
    assertEquals(List.of(2L), seqs(sequencer.append("r", List.of(message("c")))));
    assertEquals(sent + 2, sink.size(), "taken up again: the history is sent on before the new message");
  }

  @Test
  void aMessageNotStoredIsStoredWhenSentAgainAndOneStoredBeforeTheFailureIsNot() {
    seqs(sequencer.append("r", List.of(message("a"))));
    history.failAppends = new IllegalStateException("store down");
    assertTrue(sequencer.append("r", List.of(message("b"))).get(0).failed());
    history.failAppends = null;
    assertEquals(List.of(-1L, 2L), seqs(sequencer.append("r", List.of(message("a"), message("b")))),
        "a is in the room's log; b was not stored and is now");
  }

  @Test
  void aRunOfFailedAppendsIsCountedAndLoggedOnceAndAgainAfterTheRoomStored() {
    List<LogRecord> warnings = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger log = Logger.getLogger(RoomSequencer.class.getName());
    log.addHandler(capture);
    try {
      history.failAppends = new IllegalStateException("store down");
      sequencer.append("r", List.of(message("a"), message("b")));
      sequencer.append("r", List.of(message("c")));
      assertEquals(1, warnings.size(), "one warning for the run of failures");
      assertEquals("store down", warnings.get(0).getThrown().getMessage(), "with its cause");
      assertEquals(3, unstored, "every message counted");
      history.failAppends = null;
      seqs(sequencer.append("r", List.of(message("d"))));
      history.failAppends = new IllegalStateException("store down again");
      sequencer.append("r", List.of(message("e")));
      assertEquals(2, warnings.size(), "a new run after the room stored");
      assertEquals(4, unstored);
    } finally {
      log.removeHandler(capture);
    }
  }
}
