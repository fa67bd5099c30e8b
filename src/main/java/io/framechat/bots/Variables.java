package io.framechat.bots;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The variables of one running bot, and their substitution into script strings. */
final class Variables {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  private final Map<String, String> values = new HashMap<>();

  Variables set(String name, Object value) {
    values.put(name, String.valueOf(value));
    return this;
  }

  /** {@code text} with each known {@code ${name}} replaced; unknown ones are left as they are. */
  String apply(String text) {
    if (text == null || text.indexOf('$') < 0) {
      return text;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A copy of {@code template} with variables replaced in its string values. */
  JsonObject apply(JsonObject template) {
    JsonObject out = new JsonObject();
    template.forEach(entry -> out.put(entry.getKey(),
        entry.getValue() instanceof String s ? apply(s) : entry.getValue()));
    return out;
  }
}
