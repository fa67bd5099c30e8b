package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The recent messages of every room this node fans out, in sequence order: the last
 * {@code chat.historySize} of each room, none older than {@code chat.historySeconds}. A room's
 * messages carry {@code seq}, one more per message, and the room's {@code epoch}, which changes when
 * its history is lost (a new epoch starts again at seq 1). Messages are kept as the encoded bodies
 * the members received, so a replay costs no JSON work. Single-threaded.
 */
final class RoomHistory {

  /** What a replay holds: message bodies, the room's latest seq and epoch, and whether nothing is missing. */
  record Replay(List<Buffer> bodies, long latest, String epoch, boolean complete) {
  }

  /** A room's position: its latest seq and its epoch. */
  record Position(long seq, String epoch) {
  }

  private record Entry(long seq, long ts, Buffer body) {
  }

  /** One room's log. */
  private static final class Log {
    String epoch;
    long lastSeq;
    final ArrayDeque<Entry> entries = new ArrayDeque<>();

    Log(String epoch) {
      this.epoch = epoch;
    }
  }

  private final Supplier<ChatOptions> config;
  private final Map<String, Log> logs = new HashMap<>();

  RoomHistory(Supplier<ChatOptions> config) {
    this.config = config;
  }

  /** A new epoch: short, random, unlike the room's previous ones. */
  static String newEpoch() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The seq the room's next message gets, and the epoch; {@link #keep} must follow. */
  Position next(String room) {
    Log log = log(room);
    return new Position(log.lastSeq + 1, log.epoch);
  }

  /**
   * Keeps a message body with its seq. A seq already held is ignored; a new epoch starts the log
   * afresh (the message was stamped elsewhere, by the node that sequences the room).
   */
  void keep(String room, String epoch, long seq, long ts, Buffer body) {
    Log log = log(room);
    if (!epoch.equals(log.epoch)) {
      log.epoch = epoch;
      log.entries.clear();
      log.lastSeq = 0;
    }
    if (seq <= log.lastSeq) {
      return;
    }
    log.lastSeq = seq;
    int size = config.get().getHistorySize();
    if (size > 0) {
      log.entries.addLast(new Entry(seq, ts, body));
      while (log.entries.size() > size) {
        log.entries.removeFirst();
      }
    }
  }

  /** The room's latest seq (0 before its first message) and its epoch. */
  Position position(String room) {
    Log log = log(room);
    return new Position(log.lastSeq, log.epoch);
  }

  /**
   * The messages after {@code since} up to {@code until} (inclusive). Complete when the history
   * still holds every one of them and {@code epoch} (null: not known to the client) is the room's;
   * when it is another epoch the whole window comes back, incomplete.
   */
  Replay after(String room, long since, long until, String epoch, long now) {
    Log log = log(room);
    expire(log, now);
    boolean sameEpoch = epoch == null || epoch.equals(log.epoch);
    long first = log.entries.isEmpty() ? log.lastSeq + 1 : log.entries.peekFirst().seq;
    List<Buffer> bodies = new ArrayList<>();
    for (Entry entry : log.entries) {
      if (entry.seq > until) {
        break;
      }
      if (!sameEpoch || entry.seq > since) {
        bodies.add(entry.body);
      }
    }
    boolean complete = sameEpoch && since >= first - 1 && since <= log.lastSeq;
    return new Replay(bodies, log.lastSeq, log.epoch, complete);
  }

  /** The latest {@code count} messages. */
  Replay latest(String room, int count, long now) {
    Log log = log(room);
    expire(log, now);
    List<Buffer> bodies = new ArrayList<>(Math.min(count, log.entries.size()));
    int skip = Math.max(0, log.entries.size() - count);
    for (Entry entry : log.entries) {
      if (skip-- <= 0) {
        bodies.add(entry.body);
      }
    }
    return new Replay(bodies, log.lastSeq, log.epoch, true);
  }

  /**
   * Drops expired messages everywhere, and forgets rooms with nothing left that are not in use
   * (their next message starts a new epoch).
   */
  void expire(long now, Predicate<String> inUse) {
    for (Iterator<Map.Entry<String, Log>> it = logs.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Log> room = it.next();
      expire(room.getValue(), now);
      if (room.getValue().entries.isEmpty() && !inUse.test(room.getKey())) {
        it.remove();
      }
    }
  }

  int rooms() {
    return logs.size();
  }

  private Log log(String room) {
    return logs.computeIfAbsent(room, r -> new Log(newEpoch()));
  }

  private void expire(Log log, long now) {
    long oldest = now - config.get().getHistorySeconds() * 1000L;
    while (!log.entries.isEmpty() && log.entries.peekFirst().ts < oldest) {
      log.entries.removeFirst();
    }
  }
}
