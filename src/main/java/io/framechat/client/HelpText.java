package io.framechat.client;

import java.util.List;

/** The commands the terminal client takes, one line each, for {@code /help} and completion. */
final class HelpText {

  record Entry(String usage, String meaning) {
    String word() {
      int space = usage.indexOf(' ');
      return space < 0 ? usage : usage.substring(0, space);
    }
  }

  static final List<Entry> COMMANDS = List.of(
      new Entry("/join ROOM", "join a room (or make it the one you talk to)"),
      new Entry("/leave [ROOM]", "leave a room (the current one if none is named)"),
      new Entry("/who [ROOM]", "who is in a room"),
      new Entry("/rooms", "every room, with its member count"),
      new Entry("/msg NICK TEXT", "whisper to someone"),
      new Entry("/nick NAME", "change your nick"),
      new Entry("/history [ROOM] [N]", "show the last N messages of a room again"),
      new Entry("/more [ROOM]", "show the messages before the oldest one shown"),
      new Entry("/quit", "leave (so do end of input and Ctrl-D)"),
      new Entry("/help", "this list"));

  private HelpText() {
  }

  static List<String> lines() {
    int width = COMMANDS.stream().mapToInt(entry -> entry.usage().length()).max().orElse(0);
    return COMMANDS.stream().map(entry -> "  " + entry.usage() + " ".repeat(width - entry.usage().length() + 2)
        + entry.meaning()).toList();
  }
}
