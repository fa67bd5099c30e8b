package io.framechat.chat;

import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * Consecutive messages of one room as the cluster keeps them: stamped bodies with seqs from
 * {@code firstSeq}, in the room's {@code epoch} (null when the room has no history), and the room's
 * latest seq {@code lastSeq} (0 for none).
 */
public record HistorySlice(String epoch, long firstSeq, long lastSeq, List<Buffer> bodies) {

  /** No history at all. */
  public static final HistorySlice EMPTY = new HistorySlice(null, 1, 0, List.of());
}
