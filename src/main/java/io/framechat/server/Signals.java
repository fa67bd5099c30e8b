package io.framechat.server;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Runs a graceful shutdown on SIGTERM and SIGINT. A signal handler rather than a shutdown hook:
 * the JVM keeps logging and running while the server drains, and the process then exits 0.
 * Where signals cannot be handled, a shutdown hook does the same work.
 */
final class Signals {

  private static final Logger LOG = Logger.getLogger(Signals.class.getName());

  private Signals() {
  }

  static void onTerminate(Runnable shutdown) {
    AtomicBoolean started = new AtomicBoolean();
    Runnable once = () -> {
      if (started.compareAndSet(false, true)) {
        shutdown.run();
      }
    };
    try {
      Signal.handle(new Signal("TERM"), signal -> new Thread(once, "framechat-shutdown").start());
      Signal.handle(new Signal("INT"), signal -> new Thread(once, "framechat-shutdown").start());
    } catch (Throwable e) {
      LOG.warning("cannot handle signals (" + e + "): shutting down from a shutdown hook instead");
      Runtime.getRuntime().addShutdownHook(new Thread(once, "framechat-shutdown"));
    }
  }
}
