package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.SortedSet;

/** The {@code history} requests that fill gaps in a room's stream: one per run of missing seqs. */
final class RepairRequests {

  private RepairRequests() {
  }

  /** Every message of {@code room} after {@code since}, in {@code epoch}. */
  static JsonObject since(String room, String epoch, long since) {
    return new JsonObject().put("type", "history").put("room", room).put("since", since).put("epoch", epoch);
  }

  /** One request per run of consecutive seqs in {@code seqs}; past {@code maxRanges}, one for the rest. */
  static void ranges(String room, String epoch, SortedSet<Long> seqs, int maxRanges, List<JsonObject> into) {
    long start = -1;
    long end = -1;
    int count = 0;
    for (long seq : seqs) {
      if (start >= 0 && seq == end + 1) {
        end = seq;
        continue;
      }
      if (start >= 0) {
        into.add(since(room, epoch, start - 1).put("until", end));
        if (++count == maxRanges - 1) {
          into.add(since(room, epoch, seq - 1).put("until", seqs.last()));
          return;
        }
      }
      start = seq;
      end = seq;
    }
    into.add(since(room, epoch, start - 1).put("until", end));
  }
}
