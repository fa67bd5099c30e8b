package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one message body into a {@link Command} or a {@link ParseError}.
 *
 * <p>A body whose first character is '{' or '[' is JSON and must be one object with a string
 * {@code type}; any other body is plain text: trailing CR/LF are stripped, {@code Q}/{@code q}
 * quits, {@code /word args} is a shorthand command and anything else is said to the current room.
 *
 * <p>Not thread-safe (it reuses one strict UTF-8 decoder): use one instance per event loop.
 */
public final class CommandParser {

  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  /** Where bodies are decoded to, reused (UTF-8 never gives more chars than bytes); grows with the largest body. */
  private CharBuffer chars = CharBuffer.allocate(1024);

  /** Parses one body (a TCP frame body or a UDP datagram). */
  public Parsed parse(Buffer body) {
    ByteBuffer bytes = ((BufferInternal) body).getByteBuf().nioBuffer();
    if (chars.capacity() < bytes.remaining()) {
      chars = CharBuffer.allocate(Math.max(bytes.remaining(), 2 * chars.capacity()));
    }
    chars.clear();
    CoderResult decoded = utf8.reset().decode(bytes, chars, true);
    if (!decoded.isError()) {
      decoded = utf8.flush(chars);
    }
    if (decoded.isError() || bytes.hasRemaining()) {
      return new ParseError(ErrorCode.BAD_UTF8, "body is not valid UTF-8");
    }
    return parse(chars.flip().toString());
  }

  /** Parses one body already decoded from UTF-8. */
  public Parsed parse(String text) {
    if (!text.isEmpty() && (text.charAt(0) == '{' || text.charAt(0) == '[')) {
      return parseJson(text);
    }
    return parseText(stripLineEnd(text));
  }

  private static Parsed parseJson(String text) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      return new ParseError(ErrorCode.BAD_JSON, "body is not valid JSON");
    }
    if (!(value instanceof JsonObject)) {
      return new ParseError(ErrorCode.BAD_JSON, "body must be one JSON object");
    }
    JsonObject json = (JsonObject) value;
    Object type = json.getValue("type");
    if (type == null) {
      return badRequest("missing field \"type\"");
    }
    if (!(type instanceof String)) {
      return badRequest("field \"type\" must be a string");
    }
    try {
      return fromJson((String) type, json);
    } catch (FieldException e) {
      return badRequest(e.getMessage());
    }
  }

  private static Parsed fromJson(String type, JsonObject json) {
    switch (type) {
      case "hello":
        return hello(json);
      case "join":
        return join(json);
      case "history":
        return history(json);
      case "leave":
        return new Command.Leave(optional(json, "room"));
      case "say":
        return new Command.Say(optional(json, "room"), required(json, "text"));
      case "whisper":
        return new Command.Whisper(required(json, "to"), required(json, "text"));
      case "who":
        return new Command.Who(optional(json, "room"));
      case "rooms":
        return new Command.Rooms();
      case "ping":
        return new Command.Ping(json.getValue("id"));
      case "pong":
        return new Command.Pong(json.getValue("id"));
      case "quit":
        return new Command.Quit();
      default:
        return new ParseError(ErrorCode.UNKNOWN_TYPE, "unknown type \"" + type + "\"");
    }
  }

  private static Parsed parseText(String line) {
    if (line.isEmpty()) {
      return new Command.Blank();
    }
    if (line.equals("Q") || line.equals("q")) {
      return new Command.Quit();
    }
    if (line.charAt(0) != '/') {
      return new Command.Say(null, line);
    }
    int space = line.indexOf(' ');
    String word = (space < 0 ? line.substring(1) : line.substring(1, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : line.substring(space + 1).strip();
    switch (word) {
      case "nick":
        return rest.isEmpty() ? badRequest("usage: /nick NAME") : new Command.Hello(rest);
      case "join":
        return rest.isEmpty() ? badRequest("usage: /join ROOM") : new Command.Join(rest);
      case "leave":
        return new Command.Leave(rest.isEmpty() ? null : rest);
      case "who":
        return new Command.Who(rest.isEmpty() ? null : rest);
      case "rooms":
        return new Command.Rooms();
      case "quit":
        return new Command.Quit();
      case "msg":
        return whisper(rest);
      case "history":
        return history(rest);
      default:
        return new ParseError(ErrorCode.UNKNOWN_COMMAND, "unknown command \"/" + word + "\"");
    }
  }

  private static Parsed whisper(String rest) {
    int space = rest.indexOf(' ');
    if (space < 0 || rest.substring(space + 1).isBlank()) {
      return badRequest("usage: /msg NICK TEXT");
    }
    return new Command.Whisper(rest.substring(0, space), rest.substring(space + 1));
  }

  private static Parsed hello(JsonObject json) {
    Map<String, Resume> resume = resumeMap(json.getValue("resume"));
    String nick = resume.isEmpty() ? required(json, "nick") : optional(json, "nick");
    return new Command.Hello(nick, resume);
  }

  private static Parsed join(JsonObject json) {
    String room = required(json, "room");
    Object resume = json.getValue("resume");
    if (resume == null) {
      return new Command.Join(room);
    }
    if (resume instanceof Number) {
      return new Command.Join(room, new Resume(seq(resume, "resume"), null));
    }
    Resume position = resumeMap(resume).get(room);
    if (position == null) {
      throw new FieldException("field \"resume\" has no entry for room \"" + room + "\"");
    }
    return new Command.Join(room, position);
  }

  private static Parsed history(JsonObject json) {
    String room = optional(json, "room");
    Object since = json.getValue("since");
    Object limit = json.getValue("limit");
    if (since != null && limit != null) {
      throw new FieldException("give \"since\" or \"limit\", not both");
    }
    Object until = json.getValue("until");
    if (since != null) {
      return new Command.History(room, new Resume(seq(since, "since"), optional(json, "epoch")), null,
          until == null ? Long.MAX_VALUE : seq(until, "until"));
    }
    if (until != null) {
      throw new FieldException("\"until\" goes with \"since\"");
    }
    return new Command.History(room, null, limit == null ? null : limit(limit));
  }

  /** {@code /history [ROOM] [N]}. */
  private static Parsed history(String rest) {
    String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
    if (words.length > 2) {
      return badRequest("usage: /history [ROOM] [N]");
    }
    String last = words.length == 0 ? null : words[words.length - 1];
    boolean counted = last != null && last.chars().allMatch(Character::isDigit) && last.length() < 10;
    if (words.length == 2 && !counted) {
      return badRequest("usage: /history [ROOM] [N]");
    }
    String room = words.length == 2 || (words.length == 1 && !counted) ? words[0] : null;
    try {
      return new Command.History(room, null, counted ? limit(Integer.parseInt(last)) : null);
    } catch (FieldException e) {
      return badRequest(e.getMessage());
    }
  }

  /** {@code {"room": SEQ or {"seq": SEQ, "epoch": E}, ...}}, in the order given. */
  private static Map<String, Resume> resumeMap(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject rooms)) {
      throw new FieldException("field \"resume\" must be an object of room to seq");
    }
    Map<String, Resume> resume = new LinkedHashMap<>();
    for (Map.Entry<String, Object> room : rooms) {
      Object position = room.getValue();
      if (position instanceof JsonObject at) {
        Object epoch = at.getValue("epoch");
        if (epoch != null && !(epoch instanceof String)) {
          throw new FieldException("field \"epoch\" must be a string");
        }
        resume.put(room.getKey(), new Resume(seq(at.getValue("seq"), "seq"), (String) epoch));
      } else {
        resume.put(room.getKey(), new Resume(seq(position, "resume." + room.getKey()), null));
      }
    }
    return resume;
  }

  private static long seq(Object value, String field) {
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.doubleValue() < 0 || number.doubleValue() > Long.MAX_VALUE) {
      throw new FieldException("field \"" + field + "\" must be a whole number, 0 or more");
    }
    return number.longValue();
  }

  private static int limit(Object value) {
    long limit = seq(value, "limit");
    if (limit < 1 || limit > Integer.MAX_VALUE) {
      throw new FieldException("field \"limit\" must be a whole number, 1 or more");
    }
    return (int) limit;
  }

  static String stripLineEnd(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  private static String required(JsonObject json, String field) {
    String value = optional(json, field);
    if (value == null) {
      throw new FieldException("missing field \"" + field + "\"");
    }
    return value;
  }

  private static String optional(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new FieldException("field \"" + field + "\" must be a string");
    }
    return (String) value;
  }

  private static ParseError badRequest(String message) {
    return new ParseError(ErrorCode.BAD_REQUEST, message);
  }

  /** A missing or mistyped field; caught in {@link #parseJson} and turned into bad_request. */
  private static final class FieldException extends RuntimeException {
    FieldException(String message) {
      super(message, null, false, false);
    }
  }
}
