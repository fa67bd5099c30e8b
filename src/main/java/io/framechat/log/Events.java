package io.framechat.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log records with fields: a message for people, and named values (client id, nick, address,
 * room, reason...) that the JSON format writes as fields of their own and the text format appends
 * as {@code key=value}.
 */
public final class Events {

  private Events() {
  }

  /** Logs {@code message} with fields given as name, value, name, value... (null values are left out). */
  public static void log(Logger logger, Level level, String message, Object... namesAndValues) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {fields(namesAndValues)});
    logger.log(record);
  }

  public static void info(Logger logger, String message, Object... namesAndValues) {
    log(logger, Level.INFO, message, namesAndValues);
  }

  /** The fields a record carries ({@link #log}), or none. */
  static Map<String, Object> fieldsOf(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters != null && parameters.length == 1 && parameters[0] instanceof Fields fields) {
      return fields.values;
    }
    return Map.of();
  }

  private static Fields fields(Object... namesAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        values.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
      }
    }
    return new Fields(values);
  }

  /** The fields of one record (a type of its own, so no other parameter is taken for them). */
  private record Fields(Map<String, Object> values) {
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      values.forEach((name, value) -> text.append(text.length() == 0 ? "" : " ").append(name).append('=')
          .append(value));
      return text.toString();
    }
  }
}
