package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class HistoryCommandsTest {

  private final CommandParser parser = new CommandParser();

  private Parsed parse(String body) {
    return parser.parse(Buffer.buffer(body));
  }

  @Test
  @DisplayName("history asks from a seq (with or without the epoch) or for the latest N")
  void history_forms() {
    assertEquals(new Command.History("r", new Resume(41, "ab12"), null),
        parse("{\"type\":\"history\",\"room\":\"r\",\"since\":41,\"epoch\":\"ab12\"}"));
    assertEquals(new Command.History("r", new Resume(0, null), null),
        parse("{\"type\":\"history\",\"room\":\"r\",\"since\":0}"));
    assertEquals(new Command.History("r", new Resume(4, null), null, 9),
        parse("{\"type\":\"history\",\"room\":\"r\",\"since\":4,\"until\":9}"));
    assertEquals(new Command.History("r", null, 5), parse("{\"type\":\"history\",\"room\":\"r\",\"limit\":5}"));
    assertEquals(new Command.History(null, null, null), parse("{\"type\":\"history\"}"));
    assertEquals(new Command.History(null, null, null), parse("/history"));
    assertEquals(new Command.History(null, null, 7), parse("/history 7"));
    assertEquals(new Command.History("dev", null, null), parse("/history dev"));
    assertEquals(new Command.History("dev", null, 7), parse("/history dev 7"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"history\",\"room\":\"r\",\"since\":-1}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":9223372036854775808}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":18446744073709551617}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":1,\"until\":9223372036854775808}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":1e19}",
      "{\"type\":\"join\",\"room\":\"r\",\"resume\":9223372036854775808}",
      "{\"type\":\"hello\",\"resume\":{\"r\":{\"seq\":9223372036854775809}}}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":1.5}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":\"3\"}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":3,\"epoch\":7}",
      "{\"type\":\"history\",\"room\":\"r\",\"limit\":0}",
      "{\"type\":\"history\",\"room\":\"r\",\"limit\":99999999999}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":1,\"limit\":2}",
      "{\"type\":\"history\",\"room\":\"r\",\"until\":2}",
      "{\"type\":\"history\",\"room\":\"r\",\"since\":1,\"until\":-2}",
      "{\"type\":\"join\",\"room\":\"r\",\"resume\":{\"other\":3}}",
      "{\"type\":\"join\",\"room\":\"r\",\"resume\":[3]}",
      "{\"type\":\"hello\",\"resume\":{\"r\":{\"epoch\":\"x\"}}}",
      "{\"type\":\"hello\",\"resume\":{\"r\":{\"seq\":1,\"epoch\":false}}}",
      "{\"type\":\"hello\",\"resume\":{}}",
      "/history dev 0",
      "/history a b",
      "/history a 1 2"})
  @DisplayName("a malformed history or resume is bad_request")
  void malformed(String body) {
    assertEquals(ErrorCode.BAD_REQUEST, assertInstanceOf(ParseError.class, parse(body)).code(), body);
  }

  @Test
  @DisplayName("the largest seq is 2^63 - 1: taken as it is, not wrapped")
  void largest_seq() {
    assertEquals(new Command.History("r", new Resume(Long.MAX_VALUE, null), null),
        parse("{\"type\":\"history\",\"room\":\"r\",\"since\":9223372036854775807}"));
    assertEquals(new Command.Join("r", new Resume(Long.MAX_VALUE, null)),
        parse("{\"type\":\"join\",\"room\":\"r\",\"resume\":9223372036854775807}"));
  }

  @Test
  @DisplayName("join resumes from a seq given alone or in a room map, with or without the epoch")
  void join_resume() {
    assertEquals(new Command.Join("r", new Resume(9, null)), parse("{\"type\":\"join\",\"room\":\"r\",\"resume\":9}"));
    assertEquals(new Command.Join("r", new Resume(9, null)),
        parse("{\"type\":\"join\",\"room\":\"r\",\"resume\":{\"r\":9}}"));
    assertEquals(new Command.Join("r", new Resume(9, "e")),
        parse("{\"type\":\"join\",\"room\":\"r\",\"resume\":{\"r\":{\"seq\":9,\"epoch\":\"e\"}}}"));
  }

  @Test
  @DisplayName("hello may resume several rooms, in the order given, with or without a nick")
  void hello_resume() {
    Command.Hello hello = assertInstanceOf(Command.Hello.class,
        parse("{\"type\":\"hello\",\"nick\":\"al\",\"resume\":{\"b\":2,\"a\":{\"seq\":1,\"epoch\":\"e\"}}}"));
    assertEquals("al", hello.nick());
    assertEquals(List.of("b", "a"), List.copyOf(hello.resume().keySet()));
    assertEquals(Map.of("b", new Resume(2, null), "a", new Resume(1, "e")), hello.resume());
    assertEquals(new Command.Hello(null, Map.of("a", new Resume(0, null))),
        parse("{\"type\":\"hello\",\"resume\":{\"a\":0}}"));
  }
}
