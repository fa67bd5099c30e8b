package io.framechat.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Renders server frames as lines for people: {@code [lobby] alice: hi}, {@code * bob joined dev}. */
public final class FrameRenderer {

  private FrameRenderer() {
  }

  /**
   * One line for {@code frame}, or null when it is not worth a line (the announcement of one's own
   * nick change, already shown by the {@code nick} reply). {@code me} is the client's own nick.
   */
  public static String render(JsonObject frame, String me) {
    String line = line(frame, me);
    return line == null ? null : printable(line);
  }

  /**
   * The line with every control character shown as an escape ({@code \n}, {@code \e}, {@code \x07}),
   * so that what others send cannot move the cursor, clear the screen or start a forged line.
   */
  public static String printable(String line) {
    StringBuilder out = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
      if (control && out == null) {
        out = new StringBuilder(line.length() + 8).append(line, 0, i);
      }
      if (out != null) {
        if (!control) {
          out.append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else if (c == 0x1B) {
          out.append("\\e");
        } else {
          out.append(String.format("\\x%02x", (int) c));
        }
      }
    }
    return out == null ? line : out.toString();
  }

  private static String line(JsonObject frame, String me) {
    String type = String.valueOf(frame.getValue("type"));
    switch (type) {
      case "welcome":
        return "* connected as " + frame.getString("nick")
            + (frame.getString("room") != null ? " in " + frame.getString("room") : "");
      case "nick":
        return "* you are now " + frame.getString("nick");
      case "joined":
        return "* joined " + frame.getString("room") + " (" + members(frame.getValue("members"))
            + unread(frame.getValue("latest"), frame.getValue("read")) + ")";
      case "read":
        return null;
      case "notice":
        return "* " + frame.getString("message");
      case "left":
        return "* left " + frame.getString("room");
      case "message":
        return (Boolean.TRUE.equals(frame.getValue("history")) ? "(history) " : "")
            + "[" + frame.getString("room") + "] " + frame.getString("from") + ": " + frame.getString("text");
      case "recovered":
        if (frame.getValue("more") instanceof Boolean more) {
          // the end of a page of scrollback
          return "* " + frame.getString("room") + (more ? ": older messages are kept: /more shows them"
              : ": that was the first message kept") + (Boolean.TRUE.equals(frame.getValue("recovered")) ? ""
              : " (some in between are missing)");
        }
        return Boolean.TRUE.equals(frame.getValue("recovered"))
            ? "* " + frame.getString("room") + ": up to date"
            : "* " + frame.getString("room") + ": some messages are no longer in the history";
      case "whisper":
        if (me != null && me.equals(frame.getString("from")) && frame.getString("to") != null) {
          return "(whisper to " + frame.getString("to") + ") " + frame.getString("text");
        }
        return "(whisper) " + frame.getString("from") + ": " + frame.getString("text");
      case "presence":
        if ("nick".equals(frame.getString("event")) && frame.getString("nick").equals(me)) {
          return null;
        }
        return presence(frame);
      case "who":
        return "* in " + frame.getString("room") + ": " + join(frame.getJsonArray("nicks"))
            + (frame.containsKey("next") ? " (more: /who " + frame.getString("room") + " " + frame.getString("next") + ")" : "");
      case "rooms":
        return "* rooms: " + rooms(frame.getJsonArray("rooms"))
            + (frame.containsKey("next") ? " (more: /rooms " + frame.getString("next") + ")" : "");
      case "pong":
        return frame.containsKey("id") ? "* pong " + frame.getValue("id") : "* pong";
      case "bye":
        return bye(frame.getString("reason"), frame.getString("message"));
      case "error":
        return "! error " + frame.getString("code") + ": " + frame.getString("message");
      default:
        return frame.encode();
    }
  }

  /** Why the server ends the session, in words, with the operator's own when they gave some. */
  private static String bye(String reason, String message) {
    String words = switch (String.valueOf(reason)) {
      case "shutdown" -> "the server is shutting down (shutdown)";
      case "disconnected" -> "disconnected by the operator";
      case "banned" -> "banned by the operator";
      case "flooding" -> "disconnected for sending too fast (flooding)";
      case "idle" -> "disconnected after being idle (idle)";
      case "slow_consumer" -> "disconnected: the connection could not keep up with the room (slow_consumer)";
      case "auth_timeout" -> "disconnected: no login in the time allowed (auth_timeout)";
      case "auth_failed" -> "disconnected: the token was refused (auth_failed)";
      case "token_expired" -> "disconnected: the token expired and no fresh one came (token_expired)";
      case "replaced" -> "disconnected: logged in again elsewhere (replaced)";
      default -> "bye (" + reason + ")";
    };
    return "* " + words + (message == null || message.isEmpty() ? "" : ": " + message);
  }

  /** {@code ", N unread"} when the server says what the person read and N is more than 0. */
  private static String unread(Object latest, Object read) {
    if (latest instanceof Number last && read instanceof Number seen && last.longValue() > seen.longValue()) {
      return ", " + (last.longValue() - seen.longValue()) + " unread";
    }
    return "";
  }

  private static String members(Object count) {
    return count + (Integer.valueOf(1).equals(count) ? " member" : " members");
  }

  private static String presence(JsonObject frame) {
    String nick = frame.getString("nick");
    String room = frame.getString("room");
    switch (String.valueOf(frame.getString("event"))) {
      case "join":
        return "* " + nick + " joined " + room;
      case "leave":
        return "* " + nick + " left " + room;
      case "nick":
        return "* " + frame.getString("old") + " is now " + nick;
      default:
        return frame.encode();
    }
  }

  private static String join(JsonArray nicks) {
    if (nicks == null || nicks.isEmpty()) {
      return "nobody";
    }
    List<String> names = new ArrayList<>();
    nicks.forEach(nick -> names.add(String.valueOf(nick)));
    return String.join(", ", names);
  }

  private static String rooms(JsonArray rooms) {
    if (rooms == null || rooms.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Object item : rooms) {
      JsonObject room = (JsonObject) item;
      parts.add(room.getString("room") + " (" + room.getValue("members")
          + (room.getValue("unread") instanceof Number n && n.longValue() > 0 ? ", " + n + " unread" : "") + ")");
    }
    return String.join(", ", parts);
  }
}
