package io.framechat.bots;

import java.util.List;

/** A script that cannot run; each problem names where it is ({@code clients[0] "alice" step 3 (say)}) and what. */
public final class ScriptException extends Exception {

  private final List<String> problems;

  public ScriptException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
