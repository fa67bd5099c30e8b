package io.framechat.chat;

import io.framechat.protocol.Resume;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeWaitsTest {

  private final ResumeWaits waits = new ResumeWaits();

  @Test
  void onlyAResumeAheadInTheRoomsEpochWaits() {
    Position at = new Position(160, "e");
    assertTrue(ResumeWaits.ahead(at, new Resume(161, "e")));
    assertFalse(ResumeWaits.ahead(at, new Resume(160, "e")), "at the room's seq: nothing to wait for");
    assertFalse(ResumeWaits.ahead(at, new Resume(161, null)), "no epoch: the seq may be from an epoch gone");
    assertFalse(ResumeWaits.ahead(at, new Resume(161, "other")));
    assertFalse(ResumeWaits.ahead(new Position(0, null), new Resume(5, "e")), "a room with no epoch here");
    assertFalse(ResumeWaits.ahead(at, null));
  }

  @Test
  void aResumeGoesInWhenTheRoomReachesItsSeq() {
    Future<Boolean> at161 = waits.until("r", new Resume(161, "e"), 1000);
    Future<Boolean> at163 = waits.until("r", new Resume(163, "e"), 1000);
    Future<Boolean> other = waits.until("s", new Resume(2, "e"), 1000);
    waits.reached("r", new Position(160, "e"));
    assertFalse(at161.isComplete());
    waits.reached("r", new Position(162, "e"));
    assertTrue(at161.result(), "reached");
    assertFalse(at163.isComplete());
    assertFalse(other.isComplete(), "another room's position says nothing of this one");
    assertEquals(2, waits.size());
    waits.reached("r", new Position(163, "e"));
    assertTrue(at163.succeeded());
    assertEquals(1, waits.size());
  }

  @Test
  void aNewEpochLetsTheResumeIn() {
    Future<Boolean> waiting = waits.until("r", new Resume(161, "e"), 1000);
    waits.reached("r", new Position(1, "e2"));
    assertTrue(waiting.succeeded(), "its seq will never come: the replay says it was not recovered");
  }

  @Test
  void aResumeWaitsUntilItsDeadlineAtMost() {
    Future<Boolean> early = waits.until("r", new Resume(161, "e"), 1000);
    Future<Boolean> late = waits.until("r", new Resume(161, "e"), 2000);
    waits.expire(999);
    assertFalse(early.isComplete());
    waits.expire(1000);
    assertFalse(early.result(), "let in at its deadline, not reached");
    assertFalse(late.isComplete());
    waits.expire(2000);
    assertTrue(late.succeeded());
    assertEquals(0, waits.size());
  }

  @Test
  void aResumeLetInMayMakeAnotherWaitMeanwhile() {
    Future<Boolean> first = waits.until("r", new Resume(5, "e"), 1000);
    AtomicReference<Future<Boolean>> second = new AtomicReference<>();
    first.onSuccess(v -> second.set(waits.until("r", new Resume(9, "e"), 1000)));
    waits.reached("r", new Position(5, "e"));
    assertTrue(first.succeeded());
    assertFalse(second.get().isComplete(), "the one added while the first went in still waits");
    assertEquals(1, waits.size());
  }
}
