package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The recent messages of every room this node fans out, in sequence order: the last
 * {@code chat.historySize} of each room, none older than {@code chat.historySeconds}. A room's
 * messages carry {@code seq}, one more per message, and the room's {@code epoch}, which changes when
 * its history is lost (a new epoch starts again at seq 1). Messages are kept as the encoded bodies
 * the members received, so a replay costs no JSON work. Single-threaded.
 *
 * <p>Each room is taken up first ({@link #load}: its epoch and position, and in a cluster what the
 * shared history held); then every message its {@link Sequencer} numbers is kept ({@link #keep}).
 *
 * <p>All rooms together hold at most {@code chat.historyMaxBytes} (a quarter of the heap by
 * default): past it, the oldest messages of the largest rooms give way first, and are counted. What
 * is counted is what the heap holds, to within a few per cent: a message at its body's size plus
 * {@value RoomLog#ENTRY_OVERHEAD} bytes, a room followed at {@value RoomLog#ROOM_OVERHEAD} bytes and its name's
 * and epoch's characters.
 */
@SuppressWarnings("NonAtomicVolatileUpdate") // bytes is written on the broadcast verticle's event loop only
final class RoomHistory {

  /** What a replay holds: message bodies, the room's latest seq and epoch, and whether nothing is missing. */
  record Replay(List<Buffer> bodies, long latest, String epoch, boolean complete) {
  }

  private static final RoomLog NONE = new RoomLog("", null);

  private final Supplier<ChatOptions> config;
  private final IntConsumer evicted;
  private final Map<String, RoomLog> logs = new HashMap<>();
  /** Rooms holding messages, largest first: where room is made when all rooms hold too much. */
  private final TreeSet<RoomLog> bySize = new TreeSet<>(
      Comparator.comparingLong((RoomLog log) -> -log.bytes).thenComparing(log -> log.room));
  private volatile long bytes;

  /** @param evicted told how many messages gave way to the bound on all rooms */
  RoomHistory(Supplier<ChatOptions> config, IntConsumer evicted) {
    this.config = config;
    this.evicted = evicted;
  }

  RoomHistory(Supplier<ChatOptions> config) {
    this(config, n -> { });
  }

  /** Bytes all rooms hold now. */
  long bytes() {
    return bytes;
  }

  /**
   * Keeps a message body with its seq; false when it was held already (or is older than all that
   * is held). A new epoch starts the log afresh (the message was stamped elsewhere, by the node
   * that sequences the room).
   */
  boolean keep(String room, String epoch, long seq, long ts, Buffer body) {
    RoomLog log = logs.get(room);
    if (log == null) {
      log = follow(room, epoch);
    }
    if (!epoch.equals(log.epoch)) {
      log.epoch = epoch;
      clear(log);
      log.lastSeq = 0;
    }
    int size = config.get().historySize();
    boolean fresh;
    if (seq > log.lastSeq) {
      log.lastSeq = seq;
      fresh = true;
      if (size > 0) {
        RoomLog.Entry entry = new RoomLog.Entry(seq, ts, body.getBytes());
        log.entries.addLast(entry);
        account(log, entry.bytes());
      }
    } else {
      fresh = size > 0 && insertLate(log, new RoomLog.Entry(seq, ts, body.getBytes()));
    }
    while (log.entries.size() > size) {
      removeOldest(log);
    }
    bound();
    return fresh;
  }

  /** Starts following a room: its log, counted in the total. */
  private RoomLog follow(String room, String epoch) {
    RoomLog log = new RoomLog(room, epoch);
    log.own = RoomLog.ROOM_OVERHEAD + 2L * room.length() + (epoch == null ? 0 : 2L * epoch.length());
    bytes += log.own;
    logs.put(room, log);
    return log;
  }

  /** Stops following a room: its messages and its log leave the total. */
  private void forget(RoomLog log) {
    clear(log);
    bytes -= log.own;
  }

  /** Drops the oldest messages of the largest rooms while all rooms hold more than the bound. */
  private void bound() {
    long max = config.get().historyMaxBytes() > 0 ? config.get().historyMaxBytes() : Runtime.getRuntime().maxMemory() / 4;
    int dropped = 0;
    while (bytes > max && !bySize.isEmpty()) {
      removeOldest(bySize.first());
      dropped++;
    }
    if (dropped > 0) {
      evicted.accept(dropped);
    }
  }

  private void removeOldest(RoomLog log) {
    account(log, -log.entries.removeFirst().bytes());
  }

  private void clear(RoomLog log) {
    account(log, -log.bytes);
    log.entries.clear();
  }

  /** Changes a room's size, keeping the rooms in order of size. */
  private void account(RoomLog log, long delta) {
    if (delta == 0) {
      return;
    }
    bySize.remove(log);
    log.bytes += delta;
    bytes += delta;
    if (log.bytes > 0) {
      bySize.add(log);
    }
  }

  /** A message that arrived after later ones (the sequencer moved between nodes): into its place, once. */
  private boolean insertLate(RoomLog log, RoomLog.Entry late) {
    List<RoomLog.Entry> entries = new ArrayList<>(log.entries);
    int at = entries.size();
    while (at > 0 && entries.get(at - 1).seq() >= late.seq()) {
      if (entries.get(at - 1).seq() == late.seq()) {
        return false;
      }
      at--;
    }
    if (at == 0 && !entries.isEmpty()) {
      return false;
    }
    entries.add(at, late);
    log.entries.clear();
    log.entries.addAll(entries);
    account(log, late.bytes());
    return true;
  }

  /** The latest seq this node knows of in {@code room} under {@code epoch}; 0 for none. */
  long lastSeq(String room, String epoch) {
    RoomLog log = logs.get(room);
    return log != null && epoch.equals(log.epoch) ? log.lastSeq : 0;
  }

  /** The seq of the oldest message memory holds of the room; 0 when it holds none. */
  long oldestSeq(String room) {
    RoomLog log = logs.get(room);
    return log == null || log.entries.isEmpty() ? 0 : log.entries.peekFirst().seq();
  }

  /** Whether this node follows the room (it has its position, and its history if any). */
  boolean known(String room) {
    RoomLog log = logs.get(room);
    return log != null && log.loaded;
  }

  /**
   * Takes up a room from the shared history: its epoch, position and messages, merged in seq order
   * with those this node has received live meanwhile (kept as they are). The shared history may hold
   * newer ones than came here: a sequencer that died may have stored messages it never sent on.
   */
  void load(String room, HistorySlice slice, long now) {
    RoomLog log = logs.get(room);
    if (log == null) {
      log = follow(room, slice.epoch());
    }
    log.loaded = true;
    if (!Objects.equals(log.epoch, slice.epoch())) {
      if (!log.entries.isEmpty() || slice.epoch() == null) {
        return;
      }
      log.epoch = slice.epoch();
    }
    account(log, log.merge(slice.firstSeq(), slice.bodies(), now));
    // a read may take messages appended after the log's latest seq was read: they count too
    long newest = log.entries.isEmpty() ? 0 : log.entries.peekLast().seq();
    log.lastSeq = Math.max(Math.max(log.lastSeq, slice.lastSeq()), newest);
    int size = config.get().historySize();
    while (log.entries.size() > size) {
      removeOldest(log);
    }
    bound();
  }

  /** The room's latest seq (0 before its first message) and its epoch (null when a cluster has none yet). */
  Position position(String room) {
    RoomLog log = logs.get(room);
    return log == null ? new Position(0, null) : new Position(log.lastSeq, log.epoch);
  }

  /**
   * The messages after {@code since} up to {@code until} (inclusive). Complete when the history
   * still holds every one of them and {@code epoch} (null: not known to the client) is the room's;
   * when it is another epoch the whole window comes back, incomplete.
   */
  Replay after(String room, long since, long until, String epoch, long now) {
    RoomLog log = logs.getOrDefault(room, NONE);
    expire(log, now);
    boolean sameEpoch = epoch == null || epoch.equals(log.epoch);
    long end = Math.min(until, log.lastSeq);
    long expected = since + 1;
    boolean contiguous = true;
    List<Buffer> bodies = new ArrayList<>();
    for (RoomLog.Entry entry : log.entries) {
      if (entry.seq() > end) {
        break;
      }
      if (sameEpoch && entry.seq() <= since) {
        continue;
      }
      contiguous &= entry.seq() == expected;
      expected = entry.seq() + 1;
      bodies.add(entry.buffer());
    }
    boolean complete = sameEpoch && since <= log.lastSeq && contiguous && expected > end;
    return new Replay(bodies, log.lastSeq, log.epoch, complete);
  }

  /** The latest {@code count} messages. */
  Replay latest(String room, int count, long now) {
    RoomLog log = logs.getOrDefault(room, NONE);
    expire(log, now);
    List<Buffer> bodies = new ArrayList<>(Math.min(count, log.entries.size()));
    int skip = Math.max(0, log.entries.size() - count);
    for (RoomLog.Entry entry : log.entries) {
      if (skip-- <= 0) {
        bodies.add(entry.buffer());
      }
    }
    return new Replay(bodies, log.lastSeq, log.epoch, true);
  }

  /**
   * Drops expired messages everywhere, and forgets rooms with nothing left that are not in use
   * (their next message starts a new epoch).
   */
  void expire(long now, Predicate<String> inUse) {
    for (Iterator<Map.Entry<String, RoomLog>> it = logs.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, RoomLog> room = it.next();
      expire(room.getValue(), now);
      if (room.getValue().entries.isEmpty() && !inUse.test(room.getKey())) {
        forget(room.getValue());
        it.remove();
      }
    }
  }

  int rooms() {
    return logs.size();
  }

  private void expire(RoomLog log, long now) {
    long oldest = now - config.get().historySeconds() * 1000L;
    while (!log.entries.isEmpty() && log.entries.peekFirst().ts() < oldest) {
      removeOldest(log);
    }
  }
}
