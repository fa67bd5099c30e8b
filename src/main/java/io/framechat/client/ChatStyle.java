package io.framechat.client;

import io.vertx.core.json.JsonObject;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the interactive client shows frames: the local time ({@code HH:mm}, with a line naming the
 * date when it changes), the room, the sender in a colour of its own (the same nick, the same colour),
 * the user's own messages marked once, history dimmed and marked {@code ↺} with its original time,
 * whispers, presence, errors and {@code bye} each in a style of their own. User text is made
 * printable first ({@link FrameRenderer#printable}). Not thread-safe (it remembers the last date shown).
 */
final class ChatStyle {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
  /** Nick colours: readable on dark and light backgrounds. */
  private static final int[] NICK_COLOURS = {
      AttributedStyle.CYAN, AttributedStyle.GREEN, AttributedStyle.YELLOW, AttributedStyle.BLUE,
      AttributedStyle.MAGENTA, AttributedStyle.RED};

  private final boolean colour;
  private final ZoneId zone;
  private LocalDate lastDate;

  ChatStyle(boolean colour, ZoneId zone) {
    this.colour = colour;
    this.zone = zone;
  }

  /** The lines for {@code frame} (none when it is not worth one), a date line first when the day changed. */
  List<AttributedString> frame(JsonObject frame, String me, long nowMillis) {
    String type = String.valueOf(frame.getValue("type"));
    Long ts = frame.getLong("ts");
    ZonedDateTime at = Instant.ofEpochMilli(ts != null ? ts : nowMillis).atZone(zone);
    AttributedStringBuilder line = new AttributedStringBuilder();
    switch (type) {
      case "message" -> message(line, frame, me);
      case "whisper" -> whisper(line, frame, me);
      case "presence" -> {
        String text = FrameRenderer.render(frame, me);
        if (text == null) {
          return List.of();
        }
        line.style(dim()).append(text);
      }
      case "error" -> line.style(style(AttributedStyle.RED).bold())
          .append("! ").append(FrameRenderer.printable(String.valueOf(frame.getString("message"))))
          .style(dim()).append(" (" + frame.getString("code") + ")");
      case "bye" -> line.style(style(AttributedStyle.YELLOW).bold()).append(FrameRenderer.render(frame, me));
      default -> {
        String text = FrameRenderer.render(frame, me);
        if (text == null) {
          return List.of();
        }
        line.style(dim()).append(text);
      }
    }
    return withTime(at, line);
  }

  /** A line of the client's own ({@code * reconnecting...}), at {@code nowMillis}. */
  List<AttributedString> info(String text, long nowMillis) {
    AttributedStringBuilder line = new AttributedStringBuilder().style(style(AttributedStyle.YELLOW)).append(text);
    return withTime(Instant.ofEpochMilli(nowMillis).atZone(zone), line);
  }

  /** The prompt: the current room, then the cursor. */
  AttributedString prompt(String room) {
    AttributedStringBuilder prompt = new AttributedStringBuilder();
    if (room != null) {
      prompt.style(style(AttributedStyle.CYAN)).append("[" + room + "]").style(AttributedStyle.DEFAULT);
    }
    return prompt.append("> ").toAttributedString();
  }

  private void message(AttributedStringBuilder line, JsonObject frame, String me) {
    boolean history = Boolean.TRUE.equals(frame.getValue("history"));
    String from = String.valueOf(frame.getString("from"));
    boolean mine = from.equals(me);
    line.style(style(AttributedStyle.CYAN).faint()).append("[" + frame.getString("room") + "] ");
    if (history) {
      line.style(dim()).append("↺ ");
    }
    line.style(mine ? AttributedStyle.BOLD : nick(from)).append(mine ? "» " + from : from).append(": ");
    line.style(history ? dim() : AttributedStyle.DEFAULT).append(FrameRenderer.printable(String.valueOf(frame.getString("text"))));
  }

  private void whisper(AttributedStringBuilder line, JsonObject frame, String me) {
    String from = String.valueOf(frame.getString("from"));
    String who = me != null && me.equals(from) && frame.getString("to") != null
        ? "you → " + frame.getString("to") : from + " → you";
    line.style(style(AttributedStyle.MAGENTA).bold()).append("✉ " + who + ": ")
        .style(style(AttributedStyle.MAGENTA)).append(FrameRenderer.printable(String.valueOf(frame.getString("text"))));
  }

  private List<AttributedString> withTime(ZonedDateTime at, AttributedStringBuilder rest) {
    List<AttributedString> lines = new ArrayList<>(2);
    LocalDate date = at.toLocalDate();
    if (!date.equals(lastDate)) {
      lastDate = date;
      lines.add(new AttributedStringBuilder().style(dim()).append("-- " + DATE.format(at) + " --").toAttributedString());
    }
    AttributedStringBuilder line = new AttributedStringBuilder().style(dim()).append(TIME.format(at)).append(" ")
        .style(AttributedStyle.DEFAULT).append(rest);
    lines.add(line.toAttributedString());
    return lines;
  }

  /** The colour of a nick: the same for the same nick, in every client. */
  AttributedStyle nick(String nick) {
    return style(NICK_COLOURS[Math.floorMod(nick.hashCode(), NICK_COLOURS.length)]).bold();
  }

  private AttributedStyle style(int foreground) {
    return colour ? AttributedStyle.DEFAULT.foreground(foreground) : AttributedStyle.DEFAULT;
  }

  private AttributedStyle dim() {
    return colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
  }
}
