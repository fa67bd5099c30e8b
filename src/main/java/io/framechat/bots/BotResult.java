package io.framechat.bots;

import java.util.ArrayList;
import java.util.List;

/** What one bot did: steps run, expectations met and, when it failed, where and what it saw instead. */
public final class BotResult {

  private final String name;
  private int stepsPassed;
  private int expectationsMet;
  private final List<String> failures = new ArrayList<>();
  private long sent;
  private long received;
  private long dropped;

  BotResult(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  public int stepsPassed() {
    return stepsPassed;
  }

  public int expectationsMet() {
    return expectationsMet;
  }

  public List<String> failures() {
    return failures;
  }

  /** Bodies sent to the server. */
  public long sent() {
    return sent;
  }

  /** Frames received from the server. */
  public long received() {
    return received;
  }

  /** Frames dropped unread because too many were waiting (load scripts that expect little). */
  public long dropped() {
    return dropped;
  }

  void stepPassed() {
    stepsPassed++;
  }

  void expectationMet() {
    expectationsMet++;
  }

  void failed(String failure) {
    failures.add(failure);
  }

  void countSent() {
    sent++;
  }

  void countReceived() {
    received++;
  }

  void countDropped() {
    dropped++;
  }
}
