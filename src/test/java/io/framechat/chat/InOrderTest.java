package io.framechat.chat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InOrderTest {

  private final InOrder order = new InOrder();

  private List<String> offer(String epoch, long seq, long startAt, long now) {
    List<Buffer> out = new ArrayList<>();
    order.offer(epoch, seq, Buffer.buffer("m" + seq), startAt, now, out);
    return out.stream().map(Buffer::toString).toList();
  }

  @Test
  void inOrderGoesStraightOn() {
    assertEquals(List.of("m5"), offer("e", 5, 5, 0));
    assertEquals(List.of("m6"), offer("e", 6, 0, 0));
    assertFalse(order.holding());
  }

  @Test
  void aMessageAheadWaitsForThoseBefore() {
    offer("e", 1, 1, 0);
    assertEquals(List.of(), offer("e", 3, 0, 10));
    assertEquals(List.of(), offer("e", 4, 0, 11));
    assertTrue(order.holding());
    assertEquals(List.of("m2", "m3", "m4"), offer("e", 2, 0, 12));
    assertFalse(order.holding());
  }

  @Test
  void aMessageHandedOnIsNotHandedOnAgain() {
    offer("e", 1, 1, 0);
    offer("e", 2, 0, 0);
    assertEquals(List.of(), offer("e", 2, 0, 0));
    assertEquals(List.of(), offer("e", 1, 0, 0));
    offer("e", 4, 0, 0);
    assertEquals(List.of(), offer("e", 4, 0, 0), "held once");
    assertEquals(List.of("m3", "m4"), offer("e", 3, 0, 0));
  }

  @Test
  void thoseHeldTooLongGoOutWithTheGap() {
    offer("e", 1, 1, 0);
    offer("e", 3, 0, 100);
    assertFalse(order.heldSince(99));
    assertTrue(order.heldSince(100));
    List<Buffer> out = new ArrayList<>();
    order.release(out);
    assertEquals(List.of("m3"), out.stream().map(Buffer::toString).toList());
    assertEquals(List.of(), offer("e", 2, 0, 200), "too late: the history has it");
    assertEquals(List.of("m4"), offer("e", 4, 0, 200));
  }

  @Test
  void theFirstMessageStartsWhereTheRoomStoodAndANewEpochStartsAfresh() {
    assertEquals(List.of(), offer("e", 12, 10, 0), "10 and 11 are on their way");
    assertEquals(List.of("m10"), offer("e", 10, 0, 0));
    assertEquals(List.of("m11", "m12"), offer("e", 11, 0, 0));
    assertEquals(List.of("m1"), offer("f", 1, 1, 0), "the history was lost: seqs start again");
  }

  @Test
  void heldMessagesAreBounded() {
    offer("e", 1, 1, 0);
    List<Buffer> out = new ArrayList<>();
    for (long seq = 3; seq <= InOrder.MAX_HELD + 3; seq++) {
      order.offer("e", seq, Buffer.buffer("m" + seq), 0, 0, out);
    }
    assertEquals(InOrder.MAX_HELD + 1, out.size(), "past the bound they went out, gap and all");
    assertFalse(order.holding());
  }
}
