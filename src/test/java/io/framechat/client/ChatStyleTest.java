package io.framechat.client;

import io.vertx.core.json.JsonObject;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatStyleTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final long NOW = ZonedDateTime.of(2026, 12, 1, 18, 5, 0, 0, ZONE).toInstant().toEpochMilli();
  private static final long YESTERDAY = NOW - 24 * 3600_000L;

  private static List<String> plain(List<AttributedString> lines) {
    return lines.stream().map(AttributedString::toString).toList();
  }

  private static JsonObject message(String from, String text, long ts) {
    return new JsonObject().put("type", "message").put("room", "dev").put("from", from).put("text", text).put("ts", ts);
  }

  @Test
  @DisplayName("time, room and sender on each line; the date once when the day changes; history keeps its own time")
  void times_and_dates() {
    ChatStyle style = new ChatStyle(false, ZONE);
    assertEquals(List.of("-- Monday 30 November 2026 --", "18:05 [dev] ↺ bob: old news"),
        plain(style.frame(message("bob", "old news", YESTERDAY).put("history", true), "ann", NOW)));
    assertEquals(List.of("-- Tuesday 1 December 2026 --", "18:05 [dev] bob: hi"),
        plain(style.frame(message("bob", "hi", NOW), "ann", NOW)));
    assertEquals(List.of("18:05 [dev] » ann: hello"), plain(style.frame(message("ann", "hello", NOW), "ann", NOW)));
  }

  @Test
  @DisplayName("whispers, errors and bye read as such; control characters from others are shown, not obeyed")
  void kinds_of_lines() {
    ChatStyle style = new ChatStyle(false, ZONE);
    style.info("start", NOW);
    assertEquals(List.of("18:05 ✉ bob → you: psst"), plain(style.frame(new JsonObject().put("type", "whisper")
        .put("from", "bob").put("to", "ann").put("text", "psst").put("ts", NOW), "ann", NOW)));
    assertEquals(List.of("18:05 ! nobody has that nick (no_such_nick)"), plain(style.frame(new JsonObject()
        .put("type", "error").put("code", "no_such_nick").put("message", "nobody has that nick"), "ann", NOW)));
    assertEquals(List.of("18:05 * the server is shutting down (shutdown)"), plain(style.frame(new JsonObject().put("type", "bye")
        .put("reason", "shutdown"), "ann", NOW)));
    assertEquals(List.of("18:05 [dev] bob: a\\e[2Jb\\nc"), plain(style.frame(message("bob", "a\u001B[2Jb\nc", NOW), "ann", NOW)));
  }

  @Test
  @DisplayName("a nick has the same colour every time; with colour off, lines carry no colour")
  void nick_colours() {
    ChatStyle coloured = new ChatStyle(true, ZONE);
    assertEquals(coloured.nick("bob"), coloured.nick("bob"));
    assertTrue(java.util.stream.Stream.of("ann", "bob", "carol", "dave", "eve", "frank", "grace", "heidi")
        .map(coloured::nick).distinct().count() >= 4, "nicks get different colours");
    String ansi = coloured.frame(message("bob", "hi", NOW), "ann", NOW).get(1).toAnsi();
    assertTrue(ansi.contains("\u001B[3"), ansi);
    String none = new ChatStyle(false, ZONE).frame(message("bob", "hi", NOW), "ann", NOW).get(1).toAnsi();
    assertTrue(!none.contains("\u001B[3"), none);
  }
}
