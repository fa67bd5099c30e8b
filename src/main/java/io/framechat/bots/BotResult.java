package io.framechat.bots;

import io.framechat.client.SeqTracker;

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
  private SeqTracker.Counts repairs = new SeqTracker.Counts(0, 0, 0, 0);

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

  /** Room messages found missing (seq gaps: lost datagrams, a reconnect), and how many were repaired. */
  public SeqTracker.Counts repairs() {
    return repairs;
  }

  void repairs(SeqTracker.Counts repairs) {
    this.repairs = repairs;
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
