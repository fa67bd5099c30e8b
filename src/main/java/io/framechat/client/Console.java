package io.framechat.client;

import io.vertx.core.json.JsonObject;

/**
 * Where the terminal client shows what happens and reads what the user types: plain lines for
 * pipes and files ({@link PlainConsole}), or a line editor whose input line stays at the bottom while
 * messages scroll above it ({@link LineConsole}). Showing may be called from any thread.
 */
interface Console extends AutoCloseable {

  /** A frame from the server, for people; {@code me} is the user's nick. */
  void show(JsonObject frame, String me);

  /** A line of the client's own: {@code * reconnecting...}, a help line. */
  void info(String line);

  /** The room lines are said to, for the prompt (null: none). */
  default void currentRoom(String room) {
  }

  /** The user's next line, or null at the end of input. */
  String readLine();

  /** Asks a yes-or-no question; true for yes. A console that cannot ask answers {@code otherwise}. */
  boolean confirm(String question, boolean otherwise);

  /** Whether a person is typing (a terminal), rather than a pipe or a file. */
  boolean interactive();

  @Override
  void close();
}
