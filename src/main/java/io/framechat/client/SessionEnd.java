package io.framechat.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a terminal session stands and ends: welcomed once or not yet, asked to quit or not, ended and
 * why. Written on the session's event loop and by the input thread, read by the main thread.
 */
final class SessionEnd {

  private final CompletableFuture<String> end = new CompletableFuture<>();
  private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
  private volatile boolean quitting;
  /** The server ended the session cleanly (it stopped, and said so): not a loss. */
  private volatile boolean clean;
  private volatile long quitAtMillis;

  /** A welcome arrived (the first one tells that a server answered). */
  void welcomed() {
    welcomed.complete(null);
  }

  boolean isWelcomed() {
    return welcomed.isDone();
  }

  /** Waits until the first welcome (true) or the end (false: no server answered). */
  boolean awaitWelcome() {
    CompletableFuture.anyOf(welcomed, end).join();
    return welcomed.isDone();
  }

  /** The user asked to quit; false when that was already so, or the session has ended. */
  boolean quit() {
    if (quitting || end.isDone()) {
      return false;
    }
    quitAtMillis = System.currentTimeMillis();
    quitting = true;
    return true;
  }

  boolean quitting() {
    return quitting;
  }

  /** Ends the session (the first reason given stays). */
  void end(String why) {
    end.complete(why);
  }

  /** Ends the session as the server asked, cleanly: the exit code is 0. */
  void endCleanly(String why) {
    clean = true;
    end(why);
  }

  /** Ends the session because no server answered its first connection. */
  void noServer(ServerAddress address, String cause, int attempts) {
    end((address.udp() ? "no server answered at " : "cannot connect to ") + address + ": " + cause
        + (attempts > 1 ? " (after " + attempts + " attempts)" : ""));
  }

  /** Ends the session because reconnecting after {@code why} gave up. */
  void gaveUp(String why, String cause, int attempts) {
    end(why + "; gave up after " + attempts + " attempts to reconnect (" + cause + ")");
  }

  boolean ended() {
    return end.isDone();
  }

  String reason() {
    return end.getNow("lost");
  }

  /**
   * Waits for the end; true when it came without the user asking or the server ending it cleanly
   * (after a quit, at most {@code quitWaitMillis} more).
   */
  boolean await(long quitWaitMillis) throws Exception {
    while (true) {
      try {
        end.get(100, TimeUnit.MILLISECONDS);
        return !quitting && !clean;
      } catch (TimeoutException e) {
        if (quitting && System.currentTimeMillis() - quitAtMillis > quitWaitMillis) {
          // asked to quit and the server did not answer in time: leave anyway
          return false;
        }
      }
    }
  }
}
