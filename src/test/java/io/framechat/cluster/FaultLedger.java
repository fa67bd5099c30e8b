package io.framechat.cluster;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every client of a fault test received, and the invariants over it: no seq names two
 * messages; each client gets each room's messages once and in seq order, or is told they were not
 * recovered; every message whose sender saw it numbered reaches every client that was in the room
 * from before it. A message's text starts with its sender's name and a colon. Thread-safe.
 */
final class FaultLedger {

  /** One numbered message: its room, epoch and seq. */
  record Entry(String room, String epoch, long seq) {
  }

  /** The figures of a run. */
  record Report(long said, long numbered, long delivered, long duplicates, long gaps, long missed,
      long notRecovered, long conflicts, Map<String, Long> refused) {

    boolean clean() {
      return duplicates == 0 && gaps == 0 && missed == 0 && conflicts == 0;
    }

    @Override
    public String toString() {
      return String.format("said %d, numbered %d, delivered %d, duplicates %d, gaps %d, missed %d, "
          + "told not recovered %d, seqs naming two messages %d, error frames %s", said, numbered, delivered, duplicates,
          gaps, missed, notRecovered, conflicts, refused);
    }
  }

  /** One client's view of one room. */
  private static final class RoomLog {
    String epoch;
    long last;
    /** A gap is expected next: the client was told some messages were not recovered. */
    boolean excused;
    boolean everExcused;
    final Map<String, Long> firstSeq = new HashMap<>();
    final Set<Entry> got = new HashSet<>();
  }

  private final Map<Entry, String> texts = new HashMap<>();
  /** The first anomalies, described, for the test's output. */
  private final java.util.List<String> anomalies = new java.util.ArrayList<>();
  private final Map<String, Map<String, RoomLog>> clients = new LinkedHashMap<>();
  /** The messages their senders saw numbered. */
  private final Set<Entry> numbered = new HashSet<>();
  private long said;
  private long delivered;
  private long duplicates;
  private long gaps;
  private long notRecovered;
  private long conflicts;
  /** Error frames the clients got, by code. */
  private final Map<String, Long> refused = new java.util.TreeMap<>();

  synchronized void said(String client) {
    said++;
  }

  /** A frame {@code client} received (only {@code message} and {@code recovered} frames count). */
  synchronized void received(String client, JsonObject frame) {
    String type = frame.getString("type");
    if ("error".equals(type)) {
      refused.merge(String.valueOf(frame.getString("code")), 1L, Long::sum);
    }
    String room = frame.getString("room");
    if (room == null || frame.getValue("seq") == null) {
      return;
    }
    RoomLog log = clients.computeIfAbsent(client, c -> new LinkedHashMap<>()).computeIfAbsent(room, r -> new RoomLog());
    if ("recovered".equals(type) && !frame.getBoolean("recovered", true)) {
      notRecovered++;
      if (anomalies.size() < 20) {
        anomalies.add(String.format("%tT.%<tL %s told not recovered after seq %d: %s", System.currentTimeMillis(),
            client, log.last, frame.encode()));
      }
      log.excused = true;
      log.everExcused = true;
    } else if ("message".equals(type)) {
      long before = duplicates + gaps;
      message(client, log, new Entry(room, frame.getString("epoch"), frame.getLong("seq")), frame.getString("text"));
      if (duplicates + gaps > before && anomalies.size() < 20) {
        anomalies.add(String.format("%tT.%<tL %s got %s after seq %d: %s", System.currentTimeMillis(), client,
            frame.encode(), log.last, duplicates + gaps - before > 0 && gaps > 0 ? "gap or duplicate" : ""));
      }
    }
  }

  private void message(String client, RoomLog log, Entry entry, String text) {
    String before = texts.putIfAbsent(entry, text);
    if (before != null && !before.equals(text)) {
      conflicts++;
    }
    delivered++;
    if (!log.got.add(entry)) {
      duplicates++;
      return;
    }
    if (!entry.epoch().equals(log.epoch)) {
      if (log.epoch != null && !log.excused) {
        gaps++; // a new epoch (the history was lost) the client was not told about
      }
      log.epoch = entry.epoch();
      log.firstSeq.putIfAbsent(entry.epoch(), entry.seq());
    } else if (entry.seq() < log.last) {
      duplicates++; // out of order: an earlier seq after a later one
    } else if (entry.seq() > log.last + 1 && !log.excused) {
      gaps++;
    }
    log.excused = false;
    log.last = Math.max(log.last, entry.seq());
    if (text != null && text.startsWith(client + ":")) {
      numbered.add(entry);
    }
  }

  /** The first anomalies seen (duplicates, gaps), described. */
  synchronized java.util.List<String> anomalies() {
    return java.util.List.copyOf(anomalies);
  }

  /** The figures: {@code missed} counts, per client, numbered messages of its rooms it never got. */
  synchronized Report report() {
    long missed = 0;
    for (Map<String, RoomLog> rooms : clients.values()) {
      for (Entry entry : numbered) {
        RoomLog log = rooms.get(entry.room());
        if (log == null || log.everExcused) {
          continue;
        }
        Long first = log.firstSeq.get(entry.epoch());
        if (first != null && entry.seq() >= first && !log.got.contains(entry)) {
          missed++;
        }
      }
    }
    return new Report(said, numbered.size(), delivered, duplicates, gaps, missed, notRecovered, conflicts,
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refused)));
  }
}
