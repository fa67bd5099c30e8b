package io.framechat.client;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a client's room streams whole: frames pass through a {@link SeqTracker}, duplicates are
 * dropped, and the {@code history} requests it calls for are sent at once and, until answered, again
 * on a timer. On UDP this repairs lost datagrams; on TCP it catches what a reconnect skipped.
 */
public final class GapRepair {

  /** How long to wait for a replay before asking again. */
  public static final long RETRY_MILLIS = 1000;
  /** Requests per gap before its messages count as lost. */
  public static final int MAX_ATTEMPTS = 5;
  /** Over UDP, how long a room may be quiet before asking once whether its last message was lost. */
  public static final long TAIL_CHECK_MILLIS = 1000;
  private static final long CHECK_MILLIS = 250;

  private final ChatConnection connection;
  private final SeqTracker tracker;
  private long timer = -1;
  private volatile boolean stopped;
  /**
   * The {@code recovered} replies due, per room, in the order of the requests (the server answers
   * in order): true for this repair's own requests (not passed on), false for others' (a resume).
   */
  private final Map<String, ArrayDeque<Boolean>> pending = new HashMap<>();

  public GapRepair(ChatConnection connection) {
    this(connection, tracker(connection.transport()));
  }

  /** Repairs on {@code connection} with a tracker that outlives it (a client that reconnects). */
  public GapRepair(ChatConnection connection, SeqTracker tracker) {
    this.connection = connection;
    this.tracker = tracker;
  }

  /** A tracker for a client on {@code transport} ({@code tcp} or {@code udp}). */
  public static SeqTracker tracker(String transport) {
    return new SeqTracker(RETRY_MILLIS, MAX_ATTEMPTS, "udp".equals(transport) ? TAIL_CHECK_MILLIS : 0);
  }

  /** Installs {@code next} as the connection's frame handler, behind the repair, and starts the timer. */
  public GapRepair frameHandler(Handler<JsonObject> next) {
    connection.frameHandler(frame -> {
      SeqTracker.Verdict verdict = tracker.onFrame(frame, System.currentTimeMillis());
      if (verdict != SeqTracker.Verdict.DUPLICATE && !answersOwnRequest(frame)) {
        next.handle(frame);
      }
      askForGaps();
    });
    connection.context().runOnContext(v ->
        timer = connection.context().owner().setPeriodic(CHECK_MILLIS, id -> askForGaps()));
    return this;
  }

  /** What the client saw: gaps, repaired, lost, duplicates (read on the connection's event loop). */
  public SeqTracker tracker() {
    return tracker;
  }

  /** Asks for nothing more from now on, and stops the timer (on the connection's event loop). */
  public void stop() {
    stopped = true;
    connection.context().runOnContext(v -> connection.context().owner().cancelTimer(timer));
  }

  /**
   * Requests made by someone else (a resume) that will end with {@code recovered} in these rooms:
   * those replies are passed on, and this repair's own that come after them are still recognised.
   * Call on the connection's event loop, as the requests are sent.
   */
  public void expectReplies(Iterable<String> rooms) {
    rooms.forEach(room -> pending.computeIfAbsent(room, r -> new ArrayDeque<>()).add(false));
  }

  private void askForGaps() {
    if (stopped) {
      return; // after quit or a lost connection: a request now would open a new session (UDP)
    }
    for (JsonObject request : tracker.requests(System.currentTimeMillis())) {
      pending.computeIfAbsent(request.getString("room"), r -> new ArrayDeque<>()).add(true);
      connection.send(request);
    }
  }

  private boolean answersOwnRequest(JsonObject frame) {
    if (!"recovered".equals(frame.getString("type"))) {
      return false;
    }
    ArrayDeque<Boolean> due = pending.get(frame.getString("room"));
    if (due == null) {
      return false;
    }
    boolean own = due.poll();
    if (due.isEmpty()) {
      pending.remove(frame.getString("room"));
    }
    return own;
  }
}
