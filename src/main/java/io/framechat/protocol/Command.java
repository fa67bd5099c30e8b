package io.framechat.protocol;

/**
 * A client request, parsed from a JSON body or from the plain-text shorthand. Optional fields are
 * {@code null} when absent (for example {@link Say#room()}: the client's current room).
 */
public sealed interface Command extends Parsed {

  /** {@code {"type":"hello","nick":N}} or {@code /nick N}: take a nick. */
  record Hello(String nick) implements Command {
  }

  /** {@code {"type":"join","room":R}} or {@code /join R}. */
  record Join(String room) implements Command {
  }

  /** {@code {"type":"leave","room":R}} or {@code /leave [R]}; {@code room} null: the current room. */
  record Leave(String room) implements Command {
  }

  /** {@code {"type":"say","room":R,"text":T}} or any plain text; {@code room} null: the current room. */
  record Say(String room, String text) implements Command {
  }

  /** {@code {"type":"whisper","to":N,"text":T}} or {@code /msg N T}. */
  record Whisper(String to, String text) implements Command {
  }

  /** {@code {"type":"who","room":R}} or {@code /who [R]}; {@code room} null: the current room. */
  record Who(String room) implements Command {
  }

  /** {@code {"type":"rooms"}} or {@code /rooms}. */
  record Rooms() implements Command {
  }

  /** {@code {"type":"ping","id":X}}; {@code id} is any JSON value, echoed in the pong, or null. */
  record Ping(Object id) implements Command {
  }

  /** {@code {"type":"pong","id":X}}: the answer to the server's keepalive ping. */
  record Pong(Object id) implements Command {
  }

  /** {@code {"type":"quit"}}, {@code /quit}, {@code Q} or {@code q}. */
  record Quit() implements Command {
  }

  /** A blank plain-text line: nothing to do. */
  record Blank() implements Command {
  }
}
