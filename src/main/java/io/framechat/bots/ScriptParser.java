package io.framechat.bots;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a bot script (docs/SCRIPTS.md) and checks all of it before anything connects: unknown
 * steps, missing or mistyped fields and bad regexes are all reported, each with its place.
 */
public final class ScriptParser {

  public static final long DEFAULT_TIMEOUT_MS = 5000;

  private final List<String> problems = new ArrayList<>();

  private ScriptParser() {
  }

  public static Script parse(String json) throws ScriptException {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new ScriptException(List.of("the script is not a JSON object: " + e.getMessage()));
    }
    ScriptParser parser = new ScriptParser();
    Script script = parser.script(root);
    if (!parser.problems.isEmpty()) {
      throw new ScriptException(parser.problems);
    }
    return script;
  }

  private Script script(JsonObject root) {
    JsonObject defaults = root.getValue("defaults") instanceof JsonObject d ? d : new JsonObject();
    if (root.containsKey("defaults") && !(root.getValue("defaults") instanceof JsonObject)) {
      problems.add("\"defaults\" must be an object");
    }
    String host = string(defaults, "defaults", "host", false);
    Integer tcpPort = integer(defaults, "defaults", "port", false);
    Integer udpPort = integer(defaults, "defaults", "udpPort", false);
    Integer timeout = integer(defaults, "defaults", "timeoutMs", false);
    List<Script.ClientSpec> clients = new ArrayList<>();
    Object list = root.getValue("clients");
    if (!(list instanceof JsonArray array) || array.isEmpty()) {
      problems.add("\"clients\" must be a non-empty list");
    } else {
      for (int c = 0; c < array.size(); c++) {
        clients.add(client(array.getValue(c), "clients[" + c + "]"));
      }
    }
    return new Script(host, tcpPort, udpPort, timeout != null ? timeout : DEFAULT_TIMEOUT_MS, clients);
  }

  private Script.ClientSpec client(Object value, String where) {
    if (!(value instanceof JsonObject json)) {
      problems.add(where + ": must be an object");
      return null;
    }
    String name = string(json, where, "name", true);
    String place = name != null ? where + " \"" + name + "\"" : where;
    Integer instances = integer(json, place, "instances", false);
    if (instances != null && instances < 1) {
      problems.add(place + ": \"instances\" must be at least 1");
    }
    List<Step> steps = steps(json.getValue("steps"), place, "steps");
    return new Script.ClientSpec(name, instances != null ? instances : 1, steps);
  }

  private List<Step> steps(Object value, String where, String field) {
    List<Step> steps = new ArrayList<>();
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      problems.add(where + ": \"" + field + "\" must be a non-empty list of steps");
      return steps;
    }
    for (int s = 0; s < array.size(); s++) {
      Step step = step(array.getValue(s), where + " step " + (s + 1));
      if (step != null) {
        steps.add(step);
      }
    }
    return steps;
  }

  private Step step(Object value, String where) {
    if (!(value instanceof JsonObject json)) {
      problems.add(where + ": must be an object");
      return null;
    }
    Object kind = json.getValue("step");
    if (!(kind instanceof String string)) {
      problems.add(where + ": missing field \"step\"");
      return null;
    }
    String at = where + " (" + kind + ")";
    switch (string) {
      case "connect": {
        String transport = string(json, at, "transport", false);
        if (transport != null && !Set.of("tcp", "udp").contains(transport)) {
          problems.add(at + ": \"transport\" must be \"tcp\" or \"udp\"");
        }
        return new Step.Connect(transport != null ? transport : "tcp", string(json, at, "host", false),
            integer(json, at, "port", false));
      }
      case "hello":
        return new Step.Hello(string(json, at, "nick", true));
      case "login":
        return new Step.Login();
      case "join":
        return new Step.Join(string(json, at, "room", true));
      case "leave":
        return new Step.Leave(string(json, at, "room", false));
      case "say":
        return new Step.Say(string(json, at, "room", false), string(json, at, "text", true));
      case "whisper":
        return new Step.Whisper(string(json, at, "to", true), string(json, at, "text", true));
      case "send":
        return new Step.Send(string(json, at, "body", true));
      case "expect":
        return expect(json, at);
      case "await": {
        Integer timeout = integer(json, at, "timeoutMs", false);
        return new Step.Await(string(json, at, "nick", true), string(json, at, "room", true),
            timeout != null ? timeout : -1);
      }
      case "sleep": {
        Integer ms = integer(json, at, "ms", true);
        return new Step.Sleep(ms != null ? ms : 0);
      }
      case "repeat":
        return repeat(json, at);
      case "quit":
        return new Step.Quit();
      default:
        problems.add(where + ": unknown step \"" + kind + "\"");
        return null;
    }
  }

  private Step expect(JsonObject json, String at) {
    Object frame = json.getValue("frame");
    if (frame != null && !(frame instanceof JsonObject)) {
      problems.add(at + ": \"frame\" must be an object of fields to match");
    }
    String text = string(json, at, "text", false);
    if (frame == null && text == null) {
      problems.add(at + ": missing field \"frame\" (or \"text\")");
    }
    if (text != null) {
      try {
        // variables are replaced when the step runs; check the rest of the pattern now
        Pattern.compile(text.replaceAll("\\$\\{\\w+}", "x"));
      } catch (PatternSyntaxException e) {
        problems.add(at + ": \"text\" is not a valid regular expression: " + e.getDescription());
      }
    }
    Integer timeout = integer(json, at, "timeoutMs", false);
    return new Step.Expect(frame instanceof JsonObject f ? f : new JsonObject(), text,
        timeout != null ? timeout : -1);
  }

  private Step repeat(JsonObject json, String at) {
    Integer times = integer(json, at, "times", false);
    Double seconds = number(json, at, "seconds");
    if ((times == null) == (seconds == null)) {
      problems.add(at + ": give exactly one of \"times\" and \"seconds\"");
    }
    Double rate = number(json, at, "ratePerSecond");
    return new Step.Repeat(times, seconds, rate != null ? rate : 0, steps(json.getValue("steps"), at, "steps"));
  }

  private String string(JsonObject json, String at, String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        problems.add(at + ": missing field \"" + field + "\"");
      }
      return null;
    }
    if (!(value instanceof String string)) {
      problems.add(at + ": \"" + field + "\" must be a string");
      return null;
    }
    return string;
  }

  private Integer integer(JsonObject json, String at, String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        problems.add(at + ": missing field \"" + field + "\"");
      }
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
      problems.add(at + ": \"" + field + "\" must be a whole number, 0 or more");
      return null;
    }
    return ((Number) value).intValue();
  }

  private Double number(JsonObject json, String at, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() < 0) {
      problems.add(at + ": \"" + field + "\" must be a number, 0 or more");
      return null;
    }
    return number.doubleValue();
  }
}
