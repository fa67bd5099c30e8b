package io.framechat.cluster;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request to number messages as written and read, by this release and an earlier one. */
class SequenceRequestsTest {

  private static SequenceRequests.Item item(String room, String id, long firstRequest, int firstIndex) {
    return new SequenceRequests.Item(room, new RoomSequencer.Pending(id, Buffer.buffer("{\"id\":\"" + id + "\"}")),
        firstRequest, firstIndex);
  }

  private static Wire.Cursor afterKind(Buffer request) {
    Wire.Cursor in = new Wire.Cursor(request);
    assertEquals(Wire.VERSION, in.readByte());
    assertEquals(ClusterLink.SEQUENCE, in.readByte());
    return in;
  }

  @Test
  void aRequestCarriesItsNumberWhatItsSenderSettledAndWhereEachMessageSentAgainWasFirstAsked() {
    Buffer request = SequenceRequests.request(
        List.of(item("lobby", "a", 0, 0), item("den", "b", 3, 7), item("lobby", "c", 0, 0)),
        new SequenceRequests.Tracking("n1", 9, List.of(4L, 5L)));
    SequenceRequests.Request read = SequenceRequests.read(afterKind(request));
    assertTrue(read.answerEach());
    assertEquals(new SequenceRequests.Tracking("n1", 9, List.of(4L, 5L)), read.tracking());
    assertEquals(List.of("a", "b", "c"), read.items().stream().map(i -> i.message().id()).toList());
    assertEquals(List.of("lobby", "den", "lobby"), read.items().stream().map(SequenceRequests.Item::room).toList());
    assertEquals("{\"id\":\"b\"}", read.items().get(1).message().body().toString());
    assertFalse(read.items().get(0).sentBefore());
    assertEquals(3, read.items().get(1).firstRequest());
    assertEquals(7, read.items().get(1).firstIndex());
    assertFalse(read.items().get(2).sentBefore());
  }

  @Test
  void anEarlierReleasesRequestIsReadWithoutTracking() {
    Buffer request = SequenceRequests.request(List.of(item("lobby", "a", 2, 0)),
        new SequenceRequests.Tracking("n1", 9, List.of()));
    // what an earlier release wrote: the bodies, then ANSWER_EACH or nothing
    int bodiesEnd = request.length() - (2 + 2 + 8 + 4 + 4 + 16) - 1;
    Buffer withByte = request.slice(0, bodiesEnd + 1);
    SequenceRequests.Request read = SequenceRequests.read(afterKind(withByte));
    assertTrue(read.answerEach());
    assertEquals(SequenceRequests.Tracking.NONE, read.tracking());
    assertFalse(read.items().get(0).sentBefore());
    SequenceRequests.Request oldest = SequenceRequests.read(afterKind(request.slice(0, bodiesEnd)));
    assertFalse(oldest.answerEach());
    assertEquals(SequenceRequests.Tracking.NONE, oldest.tracking());
  }

  @Test
  void aPlaceOutsideTheRequestIsIgnored() {
    Buffer request = SequenceRequests.request(List.of(item("lobby", "a", 0, 0)),
        new SequenceRequests.Tracking("n1", 2, List.of()));
    Buffer bad = request.copy();
    bad.setInt(bad.length() - 4, 1); // the count of messages sent again: one, at place 5 of a request of one
    bad.appendInt(5).appendLong(1).appendInt(0);
    SequenceRequests.Request read = SequenceRequests.read(afterKind(bad));
    assertEquals(1, read.items().size());
    assertFalse(read.items().get(0).sentBefore());
  }
}
