package io.framechat;

import io.framechat.log.LineFormat;

import java.util.logging.Level;
import java.util.logging.Logger;

/** One line per log record, unless the user configured java.util.logging otherwise. */
public final class Logging {

  /** Held so the levels set on them stay (loggers are only weakly kept). */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  /** Hazelcast warns at every start that its CP data structures would be unsafe: framechat uses none. */
  private static final Logger HAZELCAST_CP = Logger.getLogger("com.hazelcast.cp.CPSubsystem");
  /** Vert.x's metrics register one of their gauges twice at start-up; Micrometer warns each time. */
  private static final Logger METER_REGISTRY = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private Logging() {
  }

  /** Call before the first logger is created. */
  public static void configure() {
    if (LineFormat.userConfigured()) {
      return;
    }
    LineFormat.use(LineFormat.text());
    // Hazelcast narrates every step at INFO; framechat logs what matters about the cluster itself
    HAZELCAST.setLevel(Level.WARNING);
    HAZELCAST_CP.setLevel(Level.SEVERE);
    METER_REGISTRY.setLevel(Level.SEVERE);
  }
}
