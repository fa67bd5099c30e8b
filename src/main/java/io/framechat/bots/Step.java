package io.framechat.bots;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One step of a bot script. String fields may hold variables ({@code ${client}}, {@code ${i}},
 * {@code ${n}}, {@code ${nick}}), replaced when the step runs.
 */
public sealed interface Step {

  /** The step's name as written in the script ({@code "step": "say"}). */
  String name();

  /** Connects and waits for the welcome. Null host or port: the command line's or the script's default. */
  record Connect(String transport, String host, Integer port) implements Step {
    @Override public String name() {
      return "connect";
    }
  }

  /** Takes a nick; passes on the {@code nick} reply, fails on an error. */
  record Hello(String nick) implements Step {
    @Override public String name() {
      return "hello";
    }
  }

  /**
   * Logs in with the token the command line gives ({@code --token}, {@code --token-file} or
   * {@code --token-command}), read now; passes on the {@code nick} reply, fails on an error.
   */
  record Login() implements Step {
    @Override public String name() {
      return "login";
    }
  }

  /** Joins a room; passes on the {@code joined} reply, fails on an error. */
  record Join(String room) implements Step {
    @Override public String name() {
      return "join";
    }
  }

  /** Leaves a room (null: the current one); passes on the {@code left} reply, fails on an error. */
  record Leave(String room) implements Step {
    @Override public String name() {
      return "leave";
    }
  }

  /** Says {@code text} to {@code room} (null: the current room). Does not wait. */
  record Say(String room, String text) implements Step {
    @Override public String name() {
      return "say";
    }
  }

  /** Whispers {@code text} to {@code to}. Does not wait. */
  record Whisper(String to, String text) implements Step {
    @Override public String name() {
      return "whisper";
    }
  }

  /** Sends a raw body (JSON or plain text) as it is. Does not wait. */
  record Send(String body) implements Step {
    @Override public String name() {
      return "send";
    }
  }

  /**
   * Waits for a frame whose fields include every field of {@code frame} and, when {@code text} is
   * set, whose {@code text} matches it. Only the matching frame is taken: others stay for later
   * expectations, so concurrent clients need not agree on an order.
   */
  record Expect(JsonObject frame, String text, long timeoutMs) implements Step {
    @Override public String name() {
      return "expect";
    }
  }

  /** Waits until {@code nick} is in {@code room}, asking {@code who} every 100 ms: a rendezvous between bots. */
  record Await(String nick, String room, long timeoutMs) implements Step {
    @Override public String name() {
      return "await";
    }
  }

  record Sleep(long ms) implements Step {
    @Override public String name() {
      return "sleep";
    }
  }

  /**
   * Runs {@code steps} {@code times} times, or for {@code seconds}; with {@code ratePerSecond} above
   * 0 the iterations are paced to that rate. {@code ${n}} is the iteration, from 0.
   */
  record Repeat(Integer times, Double seconds, double ratePerSecond, List<Step> steps) implements Step {
    @Override public String name() {
      return "repeat";
    }
  }

  /** Sends quit and waits for the bye. */
  record Quit() implements Step {
    @Override public String name() {
      return "quit";
    }
  }
}
