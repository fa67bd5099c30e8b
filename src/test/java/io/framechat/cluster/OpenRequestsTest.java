package io.framechat.cluster;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a room's owner remembers of forwarded requests, and when it forgets them. */
class OpenRequestsTest {

  private int maxPending = 100;
  private final OpenRequests open = new OpenRequests(() -> maxPending);
  private final Future<Long> one = Future.succeededFuture(1L);
  private final Future<Long> two = Future.succeededFuture(2L);

  @Test
  void eachMessagesAnswerIsFoundBySenderRequestAndPlace() {
    open.opened("a", 1, List.of(one, two), 0);
    open.opened("b", 1, List.of(two), 0);
    assertSame(one, open.answer("a", 1, 0));
    assertSame(two, open.answer("a", 1, 1));
    assertSame(two, open.answer("b", 1, 0));
    assertNull(open.answer("a", 2, 0), "a request not seen");
    assertNull(open.answer("a", 1, 2), "past its messages");
    assertNull(open.answer("c", 1, 0), "a sender not seen");
    assertEquals(3, open.messages());
  }

  @Test
  void aMessageSentBeforeHoldsNoPlaceAndATakenAgainOneItsNewAnswer() {
    open.opened("a", 1, Arrays.asList(one, null), 0);
    assertNull(open.answer("a", 1, 1));
    Future<Long> again = Future.succeededFuture(7L);
    open.answered("a", 1, 0, again);
    assertSame(again, open.answer("a", 1, 0));
    open.answered("a", 9, 0, one); // not remembered: nothing to change
    assertNull(open.answer("a", 9, 0));
  }

  @Test
  void requestsTheSenderSettledAreForgotten() {
    open.opened("a", 1, List.of(one), 0);
    open.opened("a", 2, List.of(one, two), 0);
    open.settled("a", List.of(1L, 5L));
    assertNull(open.answer("a", 1, 0));
    assertSame(two, open.answer("a", 2, 1));
    assertEquals(2, open.messages());
    open.settled("a", List.of(2L));
    assertEquals(0, open.messages());
  }

  @Test
  void requestsAreForgottenAfterTheirTimeAndWithTheirSender() {
    open.opened("a", 1, List.of(one), 0);
    open.opened("a", 2, List.of(two), 1000);
    open.opened("b", 1, List.of(two), 1000);
    open.expire(OpenRequests.KEPT_MS - 1);
    assertSame(one, open.answer("a", 1, 0), "not yet");
    open.expire(OpenRequests.KEPT_MS);
    assertNull(open.answer("a", 1, 0));
    assertSame(two, open.answer("a", 2, 0));
    open.senderLeft("a");
    assertNull(open.answer("a", 2, 0));
    assertSame(two, open.answer("b", 1, 0));
    assertEquals(1, open.messages());
  }

  @Test
  void pastTheBoundASendersOldestRequestsAreForgottenNotTheNewest() {
    maxPending = 1; // bound: BOUND_TIMES messages a sender
    for (long number = 1; number <= OpenRequests.BOUND_TIMES; number++) {
      open.opened("a", number, List.of(one), 0);
    }
    open.opened("b", 1, List.of(one), 0);
    assertEquals(OpenRequests.BOUND_TIMES + 1, open.messages());
    open.opened("a", 99, List.of(one, two), 0);
    assertNull(open.answer("a", 1, 0));
    assertNull(open.answer("a", 2, 0));
    assertSame(one, open.answer("a", 3, 0));
    assertSame(two, open.answer("a", 99, 1));
    assertSame(one, open.answer("b", 1, 0), "another sender's are its own");
    assertEquals(OpenRequests.BOUND_TIMES + 1, open.messages());
    List<Future<Long>> huge = java.util.Collections.nCopies(OpenRequests.BOUND_TIMES * 2, one);
    open.opened("a", 100, huge, 0);
    assertSame(one, open.answer("a", 100, 0), "the newest stays, however large");
    assertEquals(OpenRequests.BOUND_TIMES * 2 + 1, open.messages());
  }

  @Test
  void aMessageFirstAskedElsewhereIsRememberedAtItsPlaceWithinTheBound() {
    open.adopted("a", 4, 2, two, 0);
    assertSame(two, open.answer("a", 4, 2));
    assertNull(open.answer("a", 4, 0));
    open.adopted("a", 4, 0, one, 0);
    assertSame(one, open.answer("a", 4, 0));
    assertSame(two, open.answer("a", 4, 2));
    assertEquals(3, open.messages(), "the places up to the highest");
    open.adopted("a", 5, maxPending, one, 0);
    assertNull(open.answer("a", 5, maxPending), "a place no request of a node holds");
    open.settled("a", List.of(4L));
    assertEquals(0, open.messages());
  }
}
