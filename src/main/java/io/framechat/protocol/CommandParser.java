package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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

  /** The plain-text form of a UDP cookie. */
  private static final String COOKIE_LINE = "/cookie ";

  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  /** Where bodies are copied to and decoded to, reused (UTF-8 never gives more chars than bytes); both grow with the largest body. */
  private byte[] raw = new byte[1024];
  private CharBuffer chars = CharBuffer.allocate(1024);

  /** Parses one body (a TCP frame body or a UDP datagram). */
  public Parsed parse(Buffer body) {
    String text = decode(body);
    return text == null ? notUtf8() : parse(text);
  }

  /**
   * Parses a UDP datagram, and reads the session fields it may carry: {@code cookie} (to validate
   * the sender's address) and {@code sid} (the session's id), as JSON fields of any request, or the
   * cookie as the line {@code /cookie VALUE}.
   */
  public Datagram parseDatagram(Buffer body) {
    String text = decode(body);
    if (text == null) {
      return new Datagram(notUtf8(), null);
    }
    text = withoutBom(text);
    if (json(text)) {
      return JsonRequests.parseDatagram(text);
    }
    String line = stripLineEnd(text);
    if (line.startsWith(COOKIE_LINE)) {
      return new Datagram(new Command.Blank(), line.substring(COOKIE_LINE.length()).strip());
    }
    return new Datagram(parseText(line), null);
  }

  private static ParseError notUtf8() {
    return new ParseError(ErrorCode.BAD_UTF8, "body is not valid UTF-8");
  }

  /** The body as text, or null when it is not UTF-8. */
  private String decode(Buffer body) {
    int length = body.length();
    if (raw.length < length) {
      raw = new byte[Math.max(length, 2 * raw.length)];
      chars = CharBuffer.allocate(raw.length);
    }
    body.getBytes(0, length, raw, 0);
    ByteBuffer bytes = ByteBuffer.wrap(raw, 0, length);
    chars.clear();
    CoderResult decoded = utf8.reset().decode(bytes, chars, true);
    if (!decoded.isError()) {
      decoded = utf8.flush(chars);
    }
    return decoded.isError() || bytes.hasRemaining() ? null : chars.flip().toString();
  }

  /** Parses one body already decoded from UTF-8. A leading byte-order mark is skipped. */
  public Parsed parse(String text) {
    String body = withoutBom(text);
    return json(body) ? JsonRequests.parse(body) : parseText(stripLineEnd(body));
  }

  private static boolean json(String text) {
    return !text.isEmpty() && (text.charAt(0) == '{' || text.charAt(0) == '[');
  }

  /** Some editors and tools start UTF-8 text with a byte-order mark (U+FEFF); it is not part of the body. */
  private static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
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
        return who(rest);
      case "rooms":
        return new Command.Rooms(null, rest.isEmpty() ? null : rest);
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

  /** {@code /who [ROOM [CURSOR]]}. */
  private static Parsed who(String rest) {
    String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
    if (words.length > 2) {
      return badRequest("usage: /who [ROOM [CURSOR]]");
    }
    return new Command.Who(words.length > 0 ? words[0] : null, null, words.length > 1 ? words[1] : null);
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
      return new Command.History(room, null, counted ? JsonRequests.limit(Integer.parseInt(last)) : null);
    } catch (JsonRequests.FieldException e) {
      return badRequest(e.getMessage());
    }
  }

  static String stripLineEnd(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  private static ParseError badRequest(String message) {
    return JsonRequests.badRequest(message);
  }

}
