package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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

  /** Parses one body (a TCP frame body or a UDP datagram). */
  public Parsed parse(Buffer body) {
    String text;
    try {
      text = utf8.reset().decode(ByteBuffer.wrap(body.getBytes())).toString();
    } catch (CharacterCodingException e) {
      return new ParseError(ErrorCode.BAD_UTF8, "body is not valid UTF-8");
    }
    return parse(text);
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
        return new Command.Hello(required(json, "nick"));
      case "join":
        return new Command.Join(required(json, "room"));
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
