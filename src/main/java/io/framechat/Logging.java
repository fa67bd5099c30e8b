package io.framechat;

import java.util.logging.Level;
import java.util.logging.Logger;

/** One line per log record, unless the user configured java.util.logging otherwise. */
public final class Logging {

  private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
  /** Held so the level set on it stays (loggers are only weakly kept). */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  /** Vert.x's metrics register one of their gauges twice at start-up; Micrometer warns each time. */
  private static final Logger METER_REGISTRY = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private Logging() {
  }

  /** Call before the first logger is created. */
  public static void configure() {
    if (System.getProperty(FORMAT_PROPERTY) == null && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty(FORMAT_PROPERTY, "%1$tF %1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n");
      // Hazelcast narrates every step at INFO; framechat logs what matters about the cluster itself
      HAZELCAST.setLevel(Level.WARNING);
      METER_REGISTRY.setLevel(Level.SEVERE);
    }
  }
}
