package io.framechat.chat;

import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The rooms a client may use: some to read and say in, some to read only. Each entry is a room name
 * or a pattern where {@code *} stands for any characters ({@code team-*}, {@code *}).
 */
public final class RoomRights {

  /** Every room, read and write. */
  public static final RoomRights ALL = new RoomRights(List.of("*"), List.of());

  private final List<Pattern> readWrite;
  private final List<Pattern> readOnly;

  public RoomRights(List<String> readWrite, List<String> readOnly) {
    this.readWrite = readWrite.stream().map(RoomRights::pattern).toList();
    this.readOnly = readOnly.stream().map(RoomRights::pattern).toList();
  }

  /** Whether the client may join the room, see its members and history. */
  public boolean mayRead(String room) {
    return matches(readWrite, room) || matches(readOnly, room);
  }

  /** Whether the client may say something in the room. */
  public boolean mayWrite(String room) {
    return matches(readWrite, room);
  }

  private static boolean matches(List<Pattern> patterns, String room) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(room).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern pattern(String entry) {
    StringJoiner regex = new StringJoiner(".*");
    for (String part : entry.split("\\*", -1)) {
      regex.add(part.isEmpty() ? "" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
