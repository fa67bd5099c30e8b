package io.framechat.protocol;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a request: one object with a string {@code type}, and the fields of that type.
 * A missing or mistyped field is {@code bad_request}, naming the field.
 */
final class JsonRequests {

  /** The largest seq a client may name. */
  private static final BigDecimal MAX_SEQ = BigDecimal.valueOf(Long.MAX_VALUE);

  private JsonRequests() {
  }

  /** A body that starts with { or [: a plain {@code say} read by {@link SayRequest}, any other by {@link #parseFully}. */
  static Parsed parse(String text) {
    Command.Say say = SayRequest.read(text);
    return say != null ? say : parseFully(text);
  }

  /** Any request, each field read from the whole object (what {@link SayRequest} gives, for its one shape). */
  static Parsed parseFully(String text) {
    Object value = decode(text);
    return value instanceof JsonObject json ? request(json) : badJson(value);
  }

  /** A datagram that starts with { or [, with the session fields it carries. */
  static Datagram parseDatagram(String text) {
    Object value = decode(text);
    if (!(value instanceof JsonObject json)) {
      return new Datagram(badJson(value), null);
    }
    Object cookie = json.getValue("cookie");
    Object sid = json.getValue("sid");
    Object pack = json.getValue("pack");
    return new Datagram(request(json), cookie instanceof String c ? c : null, sid instanceof String s ? s : null,
        pack instanceof Boolean b ? b : null);
  }

  /** The JSON value, or the DecodeException when it is not JSON. */
  private static Object decode(String text) {
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      return e;
    }
  }

  private static ParseError badJson(Object value) {
    return new ParseError(ErrorCode.BAD_JSON,
        value instanceof DecodeException ? "body is not valid JSON" : "body must be one JSON object");
  }

  private static Parsed request(JsonObject json) {
    Object type = json.getValue("type");
    if (type == null) {
      return badRequest("missing field \"type\"");
    }
    if (!(type instanceof String name)) {
      return badRequest("field \"type\" must be a string");
    }
    try {
      return fromJson(name, json);
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
        return new Command.Who(optional(json, "room"), pageLimit(json), optional(json, "cursor"));
      case "rooms":
        return new Command.Rooms(pageLimit(json), optional(json, "cursor"));
      case "read":
        return new Command.Read(optional(json, "room"), seq(json.getValue("seq"), "seq"));
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

  /** A nick, or a token (which names the nick), or rooms to resume: at least one of them. */
  private static Parsed hello(JsonObject json) {
    Map<String, Resume> resume = resumeMap(json.getValue("resume"));
    String token = optional(json, "token");
    String nick = resume.isEmpty() && token == null ? required(json, "nick") : optional(json, "nick");
    return new Command.Hello(nick, resume, token);
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
    Object before = json.getValue("before");
    if (before != null) {
      if (since != null || json.getValue("until") != null) {
        throw new FieldException("\"before\" goes with \"limit\" and \"epoch\", not with \"since\" or \"until\"");
      }
      return new Command.History(room, null, limit == null ? null : limit(limit), Long.MAX_VALUE,
          new Resume(seq(before, "before"), optional(json, "epoch")));
    }
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

  /** A whole number from 0 to 2^63 - 1, given as JSON (larger ones arrive as BigInteger, and must not wrap). */
  private static long seq(Object value, String field) {
    if (value instanceof Number number) {
      try {
        BigDecimal exact = new BigDecimal(number.toString());
        if (exact.signum() >= 0 && exact.compareTo(MAX_SEQ) <= 0) {
          return exact.longValueExact();
        }
      } catch (ArithmeticException | NumberFormatException notWhole) {
        // falls through to the error
      }
    }
    throw new FieldException("field \"" + field + "\" must be a whole number from 0 to " + Long.MAX_VALUE);
  }

  static int limit(Object value) {
    long limit = seq(value, "limit");
    if (limit < 1 || limit > Integer.MAX_VALUE) {
      throw new FieldException("field \"limit\" must be a whole number, 1 or more");
    }
    return (int) limit;
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

  private static Integer pageLimit(JsonObject json) {
    Object limit = json.getValue("limit");
    return limit == null ? null : limit(limit);
  }

  static ParseError badRequest(String message) {
    return new ParseError(ErrorCode.BAD_REQUEST, message);
  }

  /** A missing or mistyped field; caught in {@link #parse} and turned into bad_request. */
  static final class FieldException extends RuntimeException {
    FieldException(String message) {
      super(message, null, false, false);
    }
  }
}
