package io.framechat.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The interactive console (JLine): the input line stays at the bottom, incoming lines are printed
 * above it without breaking what is being typed, the arrow keys walk through the lines already
 * typed, and Tab completes commands, rooms and nicks seen. A typed line is taken off the screen
 * when sent: the server's copy shows it once, marked as the user's.
 */
final class LineConsole implements Console {

  /** How long a prompt that began with an old room is looked after, and how often. */
  private static final int PROMPT_WAIT_MS = 2000;
  private static final int PROMPT_POLL_MS = 10;

  private final Terminal terminal;
  private final LineReader reader;
  private final ChatStyle style;
  private final Set<String> rooms = new ConcurrentSkipListSet<>();
  private final Set<String> nicks = new ConcurrentSkipListSet<>();
  private volatile String room;
  /** The room the prompt being read shows (the one a readLine began with, or set since). */
  private volatile String prompted;

  LineConsole(Terminal terminal, boolean colour) {
    this.terminal = terminal;
    this.style = new ChatStyle(colour, ZoneId.systemDefault());
    this.reader = LineReaderBuilder.builder().terminal(terminal).appName("framechat")
        .completer((line, parsed, candidates) -> complete(parsed.wordIndex(), parsed.word(), candidates))
        .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.AUTO_FRESH_LINE, true)
        .build();
  }

  // show and info come from the event loop and the input thread: one at a time, in order
  @Override
  public synchronized void show(JsonObject frame, String me) {
    learn(frame);
    print(style.frame(frame, me, System.currentTimeMillis()));
  }

  @Override
  public synchronized void info(String line) {
    print(style.info(line, System.currentTimeMillis()));
  }

  /**
   * The prompt shows the new room: at once while a line is read; otherwise the next readLine takes
   * it, or, if one began with the old room and is not reading yet (the room changed in between),
   * the prompt is put right as soon as it reads.
   */
  @Override
  public void currentRoom(String room) {
    this.room = room;
    if (!reprompt()) {
      Thread later = new Thread(() -> {
        for (int waited = 0; waited < PROMPT_WAIT_MS && !reprompt(); waited += PROMPT_POLL_MS) {
          try {
            Thread.sleep(PROMPT_POLL_MS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }, "framechat-prompt");
      later.setDaemon(true);
      later.start();
    }
  }

  /** Shows the current room in the prompt being read; false while no line is being read. */
  private synchronized boolean reprompt() {
    if (!reader.isReading()) {
      return false;
    }
    String now = room;
    if (!Objects.equals(now, prompted)) {
      prompted = now;
      ((LineReaderImpl) reader).setPrompt(style.prompt(now).toAnsi(terminal));
      reader.callWidget(LineReader.REDRAW_LINE);
      reader.callWidget(LineReader.REDISPLAY);
    }
    return true;
  }

  @Override
  public String readLine() {
    try {
      String now = room;
      prompted = now;
      return reader.readLine(style.prompt(now).toAnsi(terminal));
    } catch (EndOfFileException | UserInterruptException e) {
      return null; // Ctrl-D or Ctrl-C: leave
    }
  }

  @Override
  public boolean confirm(String question, boolean otherwise) {
    try {
      String answer = reader.readLine(question + " [y/N] ");
      return answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    } catch (EndOfFileException | UserInterruptException e) {
      return true;
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void close() {
    try {
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints above the input line, in one go (so that lines shown together stay together and in order). */
  private void print(List<AttributedString> lines) {
    if (!lines.isEmpty()) {
      reader.printAbove(AttributedString.join(new AttributedString("\n"), lines));
    }
  }

  /** Rooms and nicks for completion, from what the server shows. */
  private void learn(JsonObject frame) {
    addAll(rooms, frame.getString("room"));
    addAll(nicks, frame.getString("from"), frame.getString("nick"), frame.getString("to"));
    if (frame.getValue("nicks") instanceof JsonArray list) {
      list.forEach(nick -> addAll(nicks, String.valueOf(nick)));
    }
    if (frame.getValue("rooms") instanceof JsonArray list) {
      list.forEach(entry -> addAll(rooms, entry instanceof JsonObject room ? room.getString("room") : null));
    }
  }

  private static void addAll(Set<String> into, String... values) {
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        into.add(value);
      }
    }
  }

  private void complete(int wordIndex, String word, List<Candidate> candidates) {
    if (wordIndex == 0 && word.startsWith("/")) {
      HelpText.COMMANDS.forEach(entry -> candidates.add(new Candidate(entry.word(), entry.word(), null, entry.meaning(), null, null, true)));
      return;
    }
    rooms.forEach(name -> candidates.add(new Candidate(name, name, "rooms", null, null, null, true)));
    nicks.forEach(name -> candidates.add(new Candidate(name, name, "nicks", null, null, null, true)));
  }
}
