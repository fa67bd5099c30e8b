package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CommandParserTest {

  private final CommandParser parser = new CommandParser();

  private Parsed parse(String body) {
    return parser.parse(Buffer.buffer(body));
  }

  private void assertError(ErrorCode code, Parsed parsed) {
    assertEquals(code, assertInstanceOf(ParseError.class, parsed).code(), String.valueOf(parsed));
  }

  @Test
  @DisplayName("every JSON command parses to its typed command")
  void parses_every_json_command() {
    assertEquals(new Command.Hello("alice"), parse("{\"type\":\"hello\",\"nick\":\"alice\"}"));
    assertEquals(new Command.Join("dev"), parse("{\"type\":\"join\",\"room\":\"dev\"}"));
    assertEquals(new Command.Leave("dev"), parse("{\"type\":\"leave\",\"room\":\"dev\"}"));
    assertEquals(new Command.Leave(null), parse("{\"type\":\"leave\"}"));
    assertEquals(new Command.Say("dev", "hi"), parse("{\"type\":\"say\",\"room\":\"dev\",\"text\":\"hi\"}"));
    assertEquals(new Command.Say(null, "hi"), parse("{\"type\":\"say\",\"text\":\"hi\"}"));
    assertEquals(new Command.Whisper("bob", "psst"), parse("{\"type\":\"whisper\",\"to\":\"bob\",\"text\":\"psst\"}"));
    assertEquals(new Command.Who("dev"), parse("{\"type\":\"who\",\"room\":\"dev\"}"));
    assertEquals(new Command.Who(null), parse("{\"type\":\"who\"}"));
    assertEquals(new Command.Rooms(), parse("{\"type\":\"rooms\"}"));
    assertEquals(new Command.Ping(1), parse("{\"type\":\"ping\",\"id\":1}"));
    assertEquals(new Command.Ping("abc"), parse("{\"type\":\"ping\",\"id\":\"abc\"}"));
    assertEquals(new Command.Ping(null), parse("{\"type\":\"ping\"}"));
    assertEquals(new Command.Quit(), parse("{\"type\":\"quit\"}"));
  }

  @Test
  @DisplayName("unknown JSON fields are ignored")
  void ignores_unknown_fields() {
    assertEquals(new Command.Join("dev"), parse("{\"type\":\"join\",\"room\":\"dev\",\"extra\":[1,2]}"));
  }

  @Test
  @DisplayName("every plain-text shorthand parses to its command")
  void parses_every_shorthand() {
    assertEquals(new Command.Hello("alice"), parse("/nick alice"));
    assertEquals(new Command.Join("dev"), parse("/join dev"));
    assertEquals(new Command.Leave("dev"), parse("/leave dev"));
    assertEquals(new Command.Leave(null), parse("/leave"));
    assertEquals(new Command.Who("dev"), parse("/who dev"));
    assertEquals(new Command.Who(null), parse("/who"));
    assertEquals(new Command.Rooms(), parse("/rooms"));
    assertEquals(new Command.Whisper("bob", "hi there"), parse("/msg bob hi there"));
    assertEquals(new Command.Quit(), parse("/quit"));
    assertEquals(new Command.Quit(), parse("Q"));
    assertEquals(new Command.Quit(), parse("q"));
    assertEquals(new Command.Say(null, "hello world"), parse("hello world"));
    assertEquals(new Command.Join("dev"), parse("/JOIN dev"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello\n", "hello\r\n", "hello\r\n\r\n", "hello\r"})
  @DisplayName("trailing CR and LF are stripped, so nc-style lines work")
  void strips_trailing_line_ends(String line) {
    assertEquals(new Command.Say(null, "hello"), parse(line));
  }

  @Test
  @DisplayName("Q with a line end still quits, and a blank line is nothing")
  void quits_and_blank_lines() {
    assertEquals(new Command.Quit(), parse("q\r\n"));
    assertEquals(new Command.Blank(), parse("\r\n"));
    assertEquals(new Command.Say(null, "Quit"), parse("Quit"));
    assertEquals(new Command.Say(null, " /join dev"), parse(" /join dev"));
  }

  @Test
  @DisplayName("an unknown /word is unknown_command")
  void unknown_shorthand_is_unknown_command() {
    assertError(ErrorCode.UNKNOWN_COMMAND, parse("/dance wildly"));
    assertError(ErrorCode.UNKNOWN_COMMAND, parse("/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nick", "/join", "/join   ", "/msg", "/msg bob", "/msg bob   "})
  @DisplayName("a shorthand missing its argument is bad_request")
  void shorthand_missing_argument_is_bad_request(String line) {
    assertError(ErrorCode.BAD_REQUEST, parse(line));
  }

  @Test
  @DisplayName("a body that is not UTF-8 is bad_utf8")
  void invalid_utf8_is_bad_utf8() {
    assertError(ErrorCode.BAD_UTF8, parser.parse(Buffer.buffer(new byte[] {'h', (byte) 0xC3, 'i'})));
    assertError(ErrorCode.BAD_UTF8, parser.parse(Buffer.buffer(new byte[] {'{', (byte) 0xFF, '}'})));
    assertError(ErrorCode.BAD_UTF8, parser.parse(Buffer.buffer(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"type\":", "{\"type\":\"say\"} trailing", "[1,2]", "[", "{}x", "[{\"type\":\"say\"}]"})
  @DisplayName("a body starting with { or [ that is not one JSON object is bad_json")
  void malformed_json_is_bad_json(String body) {
    assertError(ErrorCode.BAD_JSON, parse(body));
  }

  @Test
  @DisplayName("a JSON object with an unknown type is unknown_type")
  void unknown_type() {
    assertError(ErrorCode.UNKNOWN_TYPE, parse("{\"type\":\"dance\"}"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}",
      "{\"type\":5}",
      "{\"type\":\"hello\"}",
      "{\"type\":\"join\"}",
      "{\"type\":\"join\",\"room\":5}",
      "{\"type\":\"say\"}",
      "{\"type\":\"say\",\"text\":null}",
      "{\"type\":\"say\",\"text\":\"x\",\"room\":[]}",
      "{\"type\":\"whisper\",\"text\":\"x\"}",
      "{\"type\":\"whisper\",\"to\":\"bob\"}",
      "{\"type\":\"who\",\"room\":true}"})
  @DisplayName("a missing or mistyped field is bad_request")
  void missing_or_wrong_field_is_bad_request(String body) {
    assertError(ErrorCode.BAD_REQUEST, parse(body));
  }

  @Test
  @DisplayName("text keeps its inner line breaks and unicode")
  void keeps_text_content() {
    assertEquals(new Command.Say(null, "line1\nline2 ✓"), parse("line1\nline2 ✓\n"));
  }

  @Test
  @DisplayName("a leading UTF-8 byte-order mark is skipped before telling JSON from text")
  void byte_order_mark_is_skipped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Buffer json = Buffer.buffer(bom).appendString("{\"type\":\"join\",\"room\":\"dev\"}");
    assertEquals(new Command.Join("dev"), new CommandParser().parse(json));
    Buffer text = Buffer.buffer(bom).appendString("/rooms");
    assertEquals(new Command.Rooms(), new CommandParser().parse(text));
  }
}
