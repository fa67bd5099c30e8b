package io.framechat.server;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Runs a graceful shutdown on SIGTERM and SIGINT. A signal handler rather than a shutdown hook:
 * the JVM keeps logging and running while the server drains, and the process then exits 0.
 * Where signals cannot be handled, a shutdown hook does the same work.
 *
 * <p>{@code sun.misc.Signal} is the JDK's way to handle a signal (module {@code jdk.unsupported},
 * there to stay until a standard API replaces it), but javac warns of every use of it and offers no
 * way to say the use is meant; so it is looked up when the server starts.
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
      handle("TERM", () -> new Thread(once, "framechat-shutdown").start());
      handle("INT", () -> new Thread(once, "framechat-shutdown").start());
    } catch (Throwable e) {
      LOG.warning("cannot handle signals (" + e + "): shutting down from a shutdown hook instead");
      Runtime.getRuntime().addShutdownHook(new Thread(once, "framechat-shutdown"));
    }
  }

  /** {@code Signal.handle(new Signal(name), signal -> action.run())}. */
  private static void handle(String name, Runnable action) throws ReflectiveOperationException {
    Class<?> signal = Class.forName("sun.misc.Signal");
    Class<?> handler = Class.forName("sun.misc.SignalHandler");
    Object onSignal = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (proxy, method, args) -> {
      switch (method.getName()) {
        case "handle" -> action.run();
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "framechat signal handler for " + name;
        }
        default -> {
          return null;
        }
      }
      return null;
    });
    signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
  }
}
