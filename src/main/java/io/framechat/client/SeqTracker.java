package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Follows each room's message sequence on the client side: tells new messages from duplicates,
 * finds gaps (a seq skipped: a lost UDP datagram, a reconnect), says which {@code history}
 * requests would fill them, and counts what was repaired and what is lost for good. Free of I/O
 * and not thread-safe: feed it every frame in arrival order, on one thread (the counts may be read
 * from any).
 */
@SuppressWarnings("NonAtomicVolatileUpdate") // its counts are written on one thread only
public final class SeqTracker {

  /** What to do with a {@code message} frame. */
  public enum Verdict {
    /** Not seen before: show it. */
    NEW,
    /** Fills a gap: show it (it is late). */
    REPAIRED,
    /** Already seen: drop it. */
    DUPLICATE
  }

  /** The most seqs one gap may hold; a longer one is taken as lost beyond that (the window is smaller anyway). */
  static final int MAX_MISSING = 100_000;
  /** The most requests for one room at a time: runs of missing seqs beyond that go in one request. */
  static final int MAX_RANGES = 16;

  /**
   * Seqs found missing in all ({@code gaps}); of those, how many arrived later ({@code repaired}:
   * from a replay, or late) and how many were given up on ({@code lost}: no longer in the history,
   * or not recovered after every attempt); and repeats dropped ({@code duplicates}).
   */
  public record Counts(long gaps, long repaired, long lost, long duplicates) {
  }

  /** One room's stream as this client has seen it. */
  private static final class Stream {
    String epoch;
    long last;
    final TreeSet<Long> missing = new TreeSet<>();
    /** When the last repair was asked for; -1: none outstanding. */
    long askedAt = -1;
    /** Missing seqs up to this one have been asked for (at {@code askedAt}). */
    long askedUpTo;
    int attempts;
    /** When the latest message arrived, and whether the tail has been checked since. */
    long lastMessageAt;
    boolean tailChecked = true;
  }

  private final long retryMillis;
  private final int maxAttempts;
  private final long tailCheckMillis;
  private final Map<String, Stream> streams = new LinkedHashMap<>();
  // written on the tracker's thread only; volatile so that any thread may read the counts
  private volatile long gaps;
  private volatile long repaired;
  private volatile long lost;
  private volatile long duplicates;

  /**
   * @param retryMillis how long to wait for a repair before asking again
   * @param maxAttempts requests per gap before its messages count as lost
   * @param tailCheckMillis after this long without messages in a room, ask once whether any
   *     followed the last one seen (a lost last datagram leaves no gap to see); 0: never
   */
  public SeqTracker(long retryMillis, int maxAttempts, long tailCheckMillis) {
    this.retryMillis = retryMillis;
    this.maxAttempts = maxAttempts;
    this.tailCheckMillis = tailCheckMillis;
  }

  /**
   * Takes any frame; returns the verdict for a sequenced {@code message}, {@link Verdict#NEW} for
   * everything else. {@code welcome}, {@code joined} and {@code recovered} set where a room stands.
   */
  public Verdict onFrame(JsonObject frame, long now) {
    String type = String.valueOf(frame.getValue("type"));
    String room = frame.getString("room");
    if ("left".equals(type) && room != null) {
      streams.remove(room);
      return Verdict.NEW;
    }
    Object seq = frame.getValue("seq");
    if (room == null || !(seq instanceof Number number)) {
      return Verdict.NEW;
    }
    String epoch = frame.getString("epoch");
    switch (type) {
      case "message":
        return onMessage(room, number.longValue(), epoch, Boolean.TRUE.equals(frame.getValue("history")), now);
      case "welcome", "joined":
        entered(room, number.longValue(), epoch);
        return Verdict.NEW;
      case "recovered":
        recovered(room, Boolean.TRUE.equals(frame.getValue("recovered")), number.longValue(), epoch);
        return Verdict.NEW;
      default:
        return Verdict.NEW;
    }
  }

  /**
   * {@code {"room": {"seq": N, "epoch": E}}} for every room followed, in the order they were entered:
   * what to resume from after a reconnect. A room that had no message yet (no epoch) gets its seq alone.
   */
  public JsonObject resume() {
    JsonObject resume = new JsonObject();
    streams.forEach((room, stream) -> {
      long upTo = stream.missing.isEmpty() ? stream.last : stream.missing.first() - 1;
      resume.put(room, stream.epoch == null ? (Object) upTo : new JsonObject().put("seq", upTo).put("epoch", stream.epoch));
    });
    return resume;
  }

  /** Notes that a resume from {@link #resume()} was sent: what it brings back is not asked for again meanwhile. */
  public void resuming(long now) {
    streams.values().forEach(stream -> {
      stream.askedAt = now;
      stream.askedUpTo = Long.MAX_VALUE;
    });
  }

  /**
   * The {@code history} requests due now: one per run of missing seqs not asked for yet, and, for
   * a room whose last request went {@code retryMillis} ago without filling every gap, for all its
   * missing seqs again. A gap asked for too often counts as lost.
   */
  public List<JsonObject> requests(long now) {
    List<JsonObject> requests = new ArrayList<>();
    for (Map.Entry<String, Stream> entry : streams.entrySet()) {
      Stream stream = entry.getValue();
      if (stream.missing.isEmpty() && tailCheckMillis > 0 && !stream.tailChecked
          && now - stream.lastMessageAt >= tailCheckMillis && stream.askedAt < 0) {
        stream.tailChecked = true;
        requests.add(RepairRequests.since(entry.getKey(), stream.epoch, stream.last));
        continue;
      }
      if (stream.missing.isEmpty()) {
        continue;
      }
      boolean retry = stream.askedAt >= 0 && now - stream.askedAt >= retryMillis;
      if (retry && ++stream.attempts >= maxAttempts) {
        giveUp(stream);
        continue;
      }
      SortedSet<Long> ask = retry || stream.askedAt < 0 ? stream.missing : stream.missing.tailSet(stream.askedUpTo, false);
      if (ask.isEmpty()) {
        continue;
      }
      RepairRequests.ranges(entry.getKey(), stream.epoch, ask, MAX_RANGES, requests);
      stream.askedAt = now;
      stream.askedUpTo = stream.missing.last();
    }
    return requests;
  }

  /** What the tracker saw so far (may be read from any thread). */
  public Counts counts() {
    return new Counts(gaps, repaired, lost, duplicates);
  }

  /** Messages still missing. */
  public long missing() {
    return streams.values().stream().mapToLong(stream -> stream.missing.size()).sum();
  }

  private Verdict onMessage(String room, long seq, String epoch, boolean history, long now) {
    Stream stream = streams.get(room);
    if (stream != null && !history) {
      stream.lastMessageAt = now;
      stream.tailChecked = false;
    }
    if (stream == null || (epoch != null && !epoch.equals(stream.epoch))) {
      if (stream != null) {
        giveUp(stream);
      } else {
        stream = new Stream();
        streams.put(room, stream);
        stream.lastMessageAt = now;
        stream.tailChecked = history;
      }
      stream.epoch = epoch;
      stream.last = seq;
      return Verdict.NEW;
    }
    if (seq > stream.last) {
      missing(stream, stream.last + 1, seq - 1);
      stream.last = seq;
      return Verdict.NEW;
    }
    if (stream.missing.remove(seq)) {
      repaired++;
      if (stream.missing.isEmpty()) {
        stream.attempts = 0;
      }
      return Verdict.REPAIRED;
    }
    if (history && stream.askedAt < 0) {
      // a replay asked for by the user or on join: shown, it was never received here
      return Verdict.NEW;
    }
    duplicates++;
    return Verdict.DUPLICATE;
  }

  /** A welcome or joined reply: the room's position when the client entered it. */
  private void entered(String room, long seq, String epoch) {
    Stream stream = streams.get(room);
    if (stream == null || epoch == null || !epoch.equals(stream.epoch)) {
      if (stream != null) {
        giveUp(stream);
      } else {
        stream = new Stream();
        streams.put(room, stream);
      }
      stream.epoch = epoch;
      stream.last = seq;
    } else if (seq > stream.last) {
      missing(stream, stream.last + 1, seq);
      stream.last = seq;
    }
  }

  /** The end of a replay: what is still missing up to its seq is asked again, or lost if not recoverable. */
  private void recovered(String room, boolean recovered, long seq, String epoch) {
    Stream stream = streams.get(room);
    if (stream == null) {
      return;
    }
    if (!recovered || (epoch != null && !epoch.equals(stream.epoch))) {
      while (!stream.missing.isEmpty() && stream.missing.first() <= seq) {
        stream.missing.pollFirst();
        lost++;
      }
      if (epoch != null && !epoch.equals(stream.epoch)) {
        stream.epoch = epoch;
        stream.last = seq;
      }
    } else {
      // what is still missing up to seq was lost again on the way: asked again after retryMillis
      if (seq > stream.last) {
        missing(stream, stream.last + 1, seq);
        stream.last = seq;
      }
    }
    if (stream.missing.isEmpty()) {
      stream.askedAt = -1;
      stream.attempts = 0;
    }
  }

  private void missing(Stream stream, long from, long to) {
    if (to < from) {
      return;
    }
    long first = Math.max(from, to - MAX_MISSING + 1);
    lost += first - from;
    gaps += to - from + 1;
    for (long seq = first; seq <= to; seq++) {
      stream.missing.add(seq);
    }
  }

  private void giveUp(Stream stream) {
    lost += stream.missing.size();
    stream.missing.clear();
    stream.askedAt = -1;
    stream.attempts = 0;
  }
}
