package io.framechat.log;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log record a line: {@link #text()} for people ({@code 2026-12-01 16:24:13.047 INFO logger -
 * message key=value...}) or {@link #json()} for log shippers ({@code {"time":..,"level":..,
 * "logger":..,"message":..,FIELDS,"error":..}}).
 */
public final class LineFormat {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  private LineFormat() {
  }

  /** Whether java.util.logging was configured by the user (then framechat leaves it as it is). */
  public static boolean userConfigured() {
    return System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null;
  }

  /** Writes every record to standard error in {@code format}, one line each. */
  public static void use(Formatter format) {
    if (userConfigured()) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(format);
    console.setLevel(Level.ALL);
    root.addHandler(console);
  }

  public static Formatter text() {
    return new Formatter() {
      @Override
      public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128).append(TIME.format(record.getInstant())).append(' ')
            .append(String.format("%-7s", record.getLevel().getLocalizedName())).append(' ')
            .append(record.getLoggerName()).append(" - ").append(message(record));
        Map<String, Object> fields = Events.fieldsOf(record);
        fields.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        if (record.getThrown() != null) {
          line.append(System.lineSeparator()).append(stackTrace(record.getThrown()).stripTrailing());
        }
        return line.append(System.lineSeparator()).toString();
      }
    };
  }

  public static Formatter json() {
    return new Formatter() {
      @Override
      public String format(LogRecord record) {
        JsonObject line = new JsonObject().put("time", Instant.ofEpochMilli(record.getMillis()).toString())
            .put("level", record.getLevel().getName()).put("logger", record.getLoggerName())
            .put("message", message(record));
        Events.fieldsOf(record).forEach((name, value) -> line.put(name, value instanceof Number || value instanceof Boolean
            ? value : String.valueOf(value)));
        if (record.getThrown() != null) {
          line.put("error", stackTrace(record.getThrown()));
        }
        return line.encode() + System.lineSeparator();
      }
    };
  }

  /** The message, with {0}-style parameters filled in when the record has ordinary ones. */
  private static String message(LogRecord record) {
    if (!Events.fieldsOf(record).isEmpty()) {
      return record.getMessage();
    }
    return new Formatter() {
      @Override
      public String format(LogRecord r) {
        return formatMessage(r);
      }
    }.format(record);
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
