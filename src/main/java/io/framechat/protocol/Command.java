package io.framechat.protocol;

import java.util.Map;

/**
 * A client request, parsed from a JSON body or from the plain-text shorthand. Optional fields are
 * {@code null} when absent (for example {@link Say#room()}: the client's current room).
 */
public sealed interface Command extends Parsed {

  /**
   * {@code {"type":"hello","nick":N,"token":T,"resume":{R:SEQ,...}}} or {@code /nick N}: take a nick
   * (or, with authentication on, log in with a token, which names the nick), and (after a reconnect)
   * rejoin rooms from the last seq seen. {@code nick} and {@code token} are null when not given;
   * {@code resume} is empty when absent.
   */
  record Hello(String nick, Map<String, Resume> resume, String token) implements Command {
    public Hello(String nick) {
      this(nick, Map.of(), null);
    }

    public Hello(String nick, Map<String, Resume> resume) {
      this(nick, resume, null);
    }

    /** Never shows the token (it lands in logs). */
    @Override
    public String toString() {
      return "Hello[nick=" + nick + ", resume=" + resume + (token == null ? "" : ", token=(hidden)") + "]";
    }
  }

  /**
   * {@code {"type":"join","room":R,"resume":{R:SEQ}}} or {@code /join R}; {@code resume} null: a
   * plain join, replaying the latest messages.
   */
  record Join(String room, Resume resume) implements Command {
    public Join(String room) {
      this(room, null);
    }
  }

  /**
   * {@code {"type":"history","room":R,"since":SEQ,"epoch":E,"until":SEQ2}} (every message after SEQ,
   * up to SEQ2 if given) or {@code {"type":"history","room":R,"limit":N}} (the latest N), or
   * {@code /history [R] [N]}; {@code room} null: the current room. At most one of {@code since} and
   * {@code limit} is set; neither: the latest {@code chat.replayOnJoin}. {@code until} is
   * {@link Long#MAX_VALUE} when not given.
   */
  record History(String room, Resume since, Integer limit, long until, Resume before) implements Command {
    public History(String room, Resume since, Integer limit) {
      this(room, since, limit, Long.MAX_VALUE, null);
    }

    public History(String room, Resume since, Integer limit, long until) {
      this(room, since, limit, until, null);
    }
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

  /**
   * {@code {"type":"who","room":R,"limit":N,"cursor":C}} or {@code /who [R [C]]}; {@code room} null:
   * the current room. A long list comes in pages: {@code cursor} (null: the first) is the
   * {@code next} of the page before; {@code limit} (null: as many as fit) caps a page.
   */
  record Who(String room, Integer limit, String cursor) implements Command {
    public Who(String room) {
      this(room, null, null);
    }
  }

  /** {@code {"type":"rooms","limit":N,"cursor":C}} or {@code /rooms [C]}: in pages, as {@link Who}. */
  record Rooms(Integer limit, String cursor) implements Command {
    public Rooms() {
      this(null, null);
    }
  }

  /**
   * {@code {"type":"read","room":R,"seq":N}}: the person has read the room up to seq {@code N} (with
   * authentication on); {@code room} null: the current room.
   */
  record Read(String room, long seq) implements Command {
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
