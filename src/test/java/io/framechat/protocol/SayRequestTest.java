package io.framechat.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The plain say's short path reads its one shape as the full path does, and leaves every other body to it. */
class SayRequestTest {

  @Test
  void readsThePlainSayAsTheFullPathDoes() {
    List<String> bodies = List.of(
        "{\"type\":\"say\",\"text\":\"hi\"}",
        "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"hi\"}",
        "{\"text\":\"hi\",\"room\":\"dev\",\"type\":\"say\"}",
        "{ \"type\" : \"say\" ,\n \"text\" : \"spaced\" }  \r\n",
        "{\"type\":\"say\",\"text\":\"\"}",
        "{\"type\":\"say\",\"text\":\"q\\\"b\\\\s\\u00e9\\n\\ud83d\\ude00 \u00e9\u4e2d\"}");
    for (String body : bodies) {
      Command.Say say = SayRequest.read(body);
      assertEquals(JsonRequests.parseFully(body), say, body);
      assertEquals(say, JsonRequests.parse(body), body);
    }
    assertEquals(new Command.Say("dev", "hi"), SayRequest.read(bodies.get(1)));
    assertEquals(new Command.Say(null, "q\"b\\s\u00e9\n\ud83d\ude00 \u00e9\u4e2d"), SayRequest.read(bodies.get(5)));
  }

  @Test
  void leavesEveryOtherBodyToTheFullPath() {
    List<String> bodies = List.of(
        "{\"type\":\"say\",\"text\":\"a\",\"text\":\"b\"}",
        "{\"type\":\"say\",\"type\":\"say\",\"text\":\"a\"}",
        "{\"type\":\"say\",\"room\":\"a\",\"room\":\"b\",\"text\":\"a\"}",
        "{\"type\":\"say\",\"text\":null}",
        "{\"type\":\"say\",\"room\":null,\"text\":\"a\"}",
        "{\"type\":\"say\",\"text\":5}",
        "{\"type\":\"say\",\"text\":{\"a\":1}}",
        "{\"type\":\"say\",\"text\":[\"a\"]}",
        "{\"type\":\"say\"}",
        "{\"type\":\"SAY\",\"text\":\"a\"}",
        "{\"type\":\"join\",\"room\":\"dev\"}",
        "{\"type\":\"say\",\"text\":\"a\",\"id\":1}",
        "{\"text\":\"a\"}",
        "{/* note */\"type\":\"say\",\"text\":\"a\"}",
        "{\"type\":\"say\",\"text\":\"a\"} trailing",
        "{\"type\":\"say\",\"text\":\"a\"}{}",
        "{\"type\":\"say\",\"text\":\"a\"",
        "[\"say\",\"a\"]",
        "{'type':'say','text':'a'}");
    for (String body : bodies) {
      assertNull(SayRequest.read(body), body);
      assertEquals(JsonRequests.parseFully(body), JsonRequests.parse(body), body);
    }
    // what the full path makes of some of them: a field given twice counts once, the last
    assertEquals(new Command.Say(null, "b"), JsonRequests.parse(bodies.get(0)));
    assertEquals(new Command.Say(null, "a"), JsonRequests.parse(bodies.get(13)));
    assertEquals(ErrorCode.BAD_REQUEST, ((ParseError) JsonRequests.parse(bodies.get(3))).code());
    assertEquals(ErrorCode.BAD_JSON, ((ParseError) JsonRequests.parse(bodies.get(14))).code());
  }
}
