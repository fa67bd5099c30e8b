package io.framechat.log;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineFormatTest {

  /** Logs one record through {@code emit} and returns it as it reached a handler. */
  private static LogRecord capture(java.util.function.Consumer<Logger> emit) {
    Logger logger = Logger.getLogger("io.framechat.test." + System.nanoTime());
    logger.setUseParentHandlers(false);
    List<LogRecord> records = new ArrayList<>();
    logger.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    });
    emit.accept(logger);
    assertEquals(1, records.size());
    return records.get(0);
  }

  @Test
  @DisplayName("json: one object a line with time, level, logger, message and each field; numbers stay numbers")
  void json_line() {
    LogRecord record = capture(logger -> Events.info(logger, "client gone", "client", 7L, "nick", "alice \"the\" great",
        "reason", "quit", "missing", null));
    String line = LineFormat.json().format(record);
    assertTrue(line.endsWith(System.lineSeparator()) && line.indexOf('\n') == line.length() - 1, line);
    JsonObject json = new JsonObject(line.strip());
    assertEquals("INFO", json.getString("level"));
    assertEquals("client gone", json.getString("message"));
    assertEquals(record.getLoggerName(), json.getString("logger"));
    assertEquals(7L, json.getLong("client"));
    assertEquals("alice \"the\" great", json.getString("nick"));
    assertTrue(!json.containsKey("missing"), line);
    assertTrue(json.getString("time").endsWith("Z"), line);
  }

  @Test
  @DisplayName("json: an exception goes in one field, still on one line; a plain record has no fields")
  void json_error() {
    LogRecord record = capture(logger -> logger.log(Level.WARNING, "failed {0}", new Object[] {"here"}));
    record.setThrown(new IllegalStateException("boom"));
    String line = LineFormat.json().format(record);
    JsonObject json = new JsonObject(line.strip());
    assertEquals("failed here", json.getString("message"));
    assertTrue(json.getString("error").startsWith("java.lang.IllegalStateException: boom"), line);
    assertEquals(1, line.split("\n").length);
  }

  @Test
  @DisplayName("text: time, level, logger - message, then key=value for each field")
  void text_line() {
    LogRecord record = capture(logger -> Events.info(logger, "client connected", "client", 3, "transport", "udp"));
    String line = LineFormat.text().format(record).strip();
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO    \\S+ - client connected client=3 transport=udp"),
        line);
  }
}
