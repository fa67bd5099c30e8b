package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Promise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages packed while they wait to be written, and read back. */
class RowBlockTest {

  private static StoredMessage message(long seq, String text) {
    return new StoredMessage("r\u00f6om", "e1", seq, "id-" + seq, "ann", text, 1_700_000_000_000L + seq);
  }

  @Test
  @DisplayName("every field comes back as it went in, texts byte for byte (accents, emoji, empty), oldest first")
  void rows_come_back_whole() {
    RowBlock block = new RowBlock(10, 16);
    List<StoredMessage> in = List.of(message(1, "h\u00e9 \uD83D\uDE00"), message(2, ""), message(3, "x".repeat(5000)));
    long now = 1000;
    for (StoredMessage m : in) {
      block.add(m, now++);
    }
    assertEquals(in, new ArrayList<>(block.rows()));
    assertEquals(3, block.size());
    assertEquals(1000, block.oldestSince());
  }

  @Test
  @DisplayName("full at its capacity; sealed, it takes no row and gives up none until unsealed")
  void capacity_and_seal() {
    RowBlock block = new RowBlock(2, 16);
    block.add(message(1, "a"), 1);
    assertTrue(block.open());
    block.add(message(2, "b"), 2);
    assertFalse(block.open(), "full");
    assertThrows(IllegalStateException.class, () -> block.add(message(3, "c"), 3));
    block.seal();
    assertThrows(IllegalStateException.class, block::dropOldest);
    block.unseal();
    block.dropOldest();
    assertEquals(List.of(message(2, "b")), new ArrayList<>(block.rows()));
    assertEquals(2, block.oldestSince(), "the oldest left");
    block.dropOldest();
    assertEquals(0, block.size());
    assertEquals(0, block.oldestSince());
  }

  @Test
  @DisplayName("find picks a room's rows of one epoch within the seqs asked; promises come back in row order")
  void find_and_promises() {
    RowBlock block = new RowBlock(10, 16);
    for (long seq = 1; seq <= 5; seq++) {
      block.add(message(seq, "t" + seq), seq);
    }
    block.add(new StoredMessage("other", "e1", 3, "x", "bob", "no", 0), 6);
    List<StoredMessage> found = new ArrayList<>();
    block.find("r\u00f6om", "e1", 2, 4, found);
    assertEquals(List.of(message(2, "t2"), message(3, "t3"), message(4, "t4")), found);
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    block.promise(first);
    block.promise(second);
    List<Promise<Void>> polled = new ArrayList<>();
    block.pollPromises(polled);
    assertEquals(List.of(first, second), polled);
  }

  @Test
  @DisplayName("a block written is emptied and filled again: only the new rows come back; spares are kept up to their number")
  void spares_are_filled_again() {
    SpareRowBlocks spares = new SpareRowBlocks(1, 10, 16);
    RowBlock block = spares.take();
    block.add(message(1, "x".repeat(3000)), 1);
    block.promise(Promise.promise());
    block.seal();
    spares.give(block);
    RowBlock again = spares.take();
    assertTrue(again == block, "the block kept");
    assertTrue(again.open());
    assertEquals(0, again.size());
    List<Promise<Void>> none = new ArrayList<>();
    again.pollPromises(none);
    assertEquals(List.of(), none);
    again.add(message(7, "seven"), 7);
    assertEquals(List.of(message(7, "seven")), new ArrayList<>(again.rows()));
    assertEquals(7, again.oldestSince());
    RowBlock other = new RowBlock(10, 16);
    spares.give(again);
    spares.give(other);
    assertTrue(spares.take() == again);
    assertFalse(spares.take() == other, "one spare at most: the second was left to the collector");
  }
}
