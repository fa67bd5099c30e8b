package io.framechat.server;

import io.vertx.core.Vertx;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A server out of memory is dead even if its threads live on (no welcome, no health answer): the
 * process ends at once with exit code 3, as {@code -XX:+ExitOnOutOfMemoryError} makes it (the
 * flag the README's command, the image and the Kubernetes manifests set), so that a supervisor
 * restarts it. This covers what reaches Vert.x's or a thread's last handler when the flag was left
 * out; only the flag covers errors that a library catches on the way.
 */
final class OutOfMemory {

  private static final Logger LOG = Logger.getLogger(OutOfMemory.class.getName());

  /** The exit code, the same as the JVM's own on {@code -XX:+ExitOnOutOfMemoryError}. */
  static final int EXIT = 3;

  private OutOfMemory() {
  }

  /** Ends the process on an {@link OutOfMemoryError} that reaches Vert.x's or any thread's last handler. */
  static void exitOn(Vertx vertx) {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      check(e);
      if (previous != null) {
        previous.uncaughtException(thread, e);
      }
    });
    vertx.exceptionHandler(e -> {
      check(e);
      LOG.log(Level.SEVERE, "unhandled exception", e);
    });
  }

  private static void check(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      // no logging framework, no shutdown hooks: they may need the memory there is none of
      System.err.println("framechat: out of memory, exiting");
      Runtime.getRuntime().halt(EXIT);
    }
  }
}
