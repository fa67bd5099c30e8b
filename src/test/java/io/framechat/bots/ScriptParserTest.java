package io.framechat.bots;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScriptParserTest {

  @Test
  @DisplayName("every step parses, with defaults for what it leaves out")
  void parses_every_step() throws Exception {
    Script script = ScriptParser.parse("""
        {"defaults": {"host": "h", "port": 1, "udpPort": 2, "timeoutMs": 300},
         "clients": [{"name": "a", "instances": 3, "steps": [
           {"step": "connect", "transport": "udp", "port": 7},
           {"step": "hello", "nick": "n"},
           {"step": "join", "room": "r"},
           {"step": "leave"},
           {"step": "say", "text": "t"},
           {"step": "whisper", "to": "b", "text": "t"},
           {"step": "send", "body": "/rooms"},
           {"step": "expect", "frame": {"type": "message"}, "text": "^t$", "timeoutMs": 50},
           {"step": "await", "nick": "b", "room": "r"},
           {"step": "sleep", "ms": 10},
           {"step": "repeat", "seconds": 1.5, "ratePerSecond": 2, "steps": [{"step": "say", "text": "${n}"}]},
           {"step": "quit"}]}]}""");
    assertEquals("h", script.host());
    assertEquals(300, script.timeoutMs());
    Script.ClientSpec client = script.clients().get(0);
    assertEquals(3, client.instances());
    assertEquals(12, client.steps().size());
    assertEquals(new Step.Connect("udp", null, 7), client.steps().get(0));
    assertEquals(new Step.Leave(null), client.steps().get(3));
    Step.Expect expect = assertInstanceOf(Step.Expect.class, client.steps().get(7));
    assertEquals(50, expect.timeoutMs());
    Step.Repeat repeat = assertInstanceOf(Step.Repeat.class, client.steps().get(10));
    assertEquals(1.5, repeat.seconds());
    assertEquals(1, repeat.steps().size());
  }

  @Test
  @DisplayName("a bad script lists every problem, each naming the client, the step and the field")
  void reports_every_problem_with_its_place() {
    ScriptException e = assertThrows(ScriptException.class, () -> ScriptParser.parse("""
        {"clients": [{"name": "x", "steps": [
          {"step": "say"},
          {"step": "dance"},
          {"step": "expect"},
          {"step": "connect", "transport": "carrier-pigeon"},
          {"step": "repeat", "times": 2, "seconds": 3, "steps": [{"step": "join"}]},
          {"nostep": 1}]},
         {"steps": []}]}"""));
    assertEquals(List.of(
        "clients[0] \"x\" step 1 (say): missing field \"text\"",
        "clients[0] \"x\" step 2: unknown step \"dance\"",
        "clients[0] \"x\" step 3 (expect): missing field \"frame\" (or \"text\")",
        "clients[0] \"x\" step 4 (connect): \"transport\" must be \"tcp\" or \"udp\"",
        "clients[0] \"x\" step 5 (repeat): give exactly one of \"times\" and \"seconds\"",
        "clients[0] \"x\" step 5 (repeat) step 1 (join): missing field \"room\"",
        "clients[0] \"x\" step 6: missing field \"step\"",
        "clients[1]: missing field \"name\"",
        "clients[1]: \"steps\" must be a non-empty list of steps"), e.problems());
  }

  @Test
  @DisplayName("a script that is not a JSON object, or has no clients, is refused")
  void refuses_non_scripts() {
    assertThrows(ScriptException.class, () -> ScriptParser.parse("[1]"));
    assertThrows(ScriptException.class, () -> ScriptParser.parse("{\"clients\": []}"));
  }
}
