package io.framechat.store;

import java.util.ArrayDeque;

/** Blocks written and emptied, kept to be filled again: at most {@code max}, the rest left to the collector. */
final class SpareRowBlocks {

  private final ArrayDeque<RowBlock> free = new ArrayDeque<>();
  private final int max;
  private final int capacity;
  private final int bytesHint;

  SpareRowBlocks(int max, int capacity, int bytesHint) {
    this.max = max;
    this.capacity = capacity;
    this.bytesHint = bytesHint;
  }

  /** An empty block: one kept, or a new one. */
  RowBlock take() {
    RowBlock block = free.poll();
    return block != null ? block : new RowBlock(capacity, bytesHint);
  }

  /** A block whose rows are written (nobody reads them any more): emptied and kept, if there is room. */
  void give(RowBlock block) {
    if (free.size() < max) {
      block.reset();
      free.push(block);
    }
  }
}
