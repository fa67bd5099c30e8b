package io.framechat.bots;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * The frames a bot has received and not yet matched, and the one wait on them at a time: a step
 * waits for the first frame matching what it expects, queued or still to come. Past
 * {@link #MAX_QUEUED_FRAMES} the oldest are dropped (and counted). Single-threaded: the bot's event loop.
 */
final class FrameInbox {

  /** Frames kept for later expectations. */
  static final int MAX_QUEUED_FRAMES = 10_000;
  /** The latest frames, named in a failure message. */
  private static final int RECENT = 5;

  private final Vertx vertx;
  private final BotResult result;
  private final ArrayDeque<JsonObject> frames = new ArrayDeque<>();
  private final ArrayDeque<JsonObject> recent = new ArrayDeque<>();
  private Waiter waiter;
  private boolean closed;

  FrameInbox(Vertx vertx, BotResult result) {
    this.vertx = vertx;
    this.result = result;
  }

  void add(JsonObject frame) {
    result.countReceived();
    recent.addLast(frame);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
    if (frames.size() >= MAX_QUEUED_FRAMES) {
      frames.removeFirst();
      result.countDropped();
    }
    frames.addLast(frame);
    if (waiter != null) {
      waiter.check();
    }
  }

  /** A new connection: waits may be met again by what arrives. */
  void opened() {
    closed = false;
  }

  /** The connection closed: a wait not met by what is queued fails. */
  void closed() {
    closed = true;
    if (waiter != null) {
      waiter.check();
    }
  }

  /**
   * Waits for the first queued or arriving frame matching {@code match} and takes it off the queue;
   * a frame matching {@code failOn} (may be null) fails the wait (and is taken too).
   */
  Future<JsonObject> await(Predicate<JsonObject> match, Predicate<JsonObject> failOn, long timeoutMs, String wanted) {
    Promise<JsonObject> promise = Promise.promise();
    Waiter pending = new Waiter(match, failOn, wanted, promise);
    waiter = pending;
    long timer = vertx.setTimer(Math.max(1, timeoutMs), t -> pending.fail("no " + wanted + " within " + timeoutMs
        + " ms; saw instead " + seen()));
    pending.check();
    return promise.future().andThen(ar -> {
      vertx.cancelTimer(timer);
      if (waiter == pending) {
        waiter = null;
      }
    });
  }

  private String seen() {
    return recent.isEmpty() ? "nothing" : recent.toString();
  }

  /** A pending wait for a frame. */
  private final class Waiter {
    private final Predicate<JsonObject> match;
    private final Predicate<JsonObject> failOn;
    private final String wanted;
    private final Promise<JsonObject> promise;

    Waiter(Predicate<JsonObject> match, Predicate<JsonObject> failOn, String wanted, Promise<JsonObject> promise) {
      this.match = match;
      this.failOn = failOn;
      this.wanted = wanted;
      this.promise = promise;
    }

    void check() {
      Iterator<JsonObject> it = frames.iterator();
      while (it.hasNext()) {
        JsonObject frame = it.next();
        if (match.test(frame)) {
          it.remove();
          promise.tryComplete(frame);
          return;
        }
        if (failOn != null && failOn.test(frame)) {
          it.remove();
          fail("server answered " + frame.encode());
          return;
        }
      }
      if (closed) {
        fail("connection closed while waiting for " + wanted + "; saw " + seen());
      }
    }

    void fail(String message) {
      promise.tryFail(message);
    }
  }
}
