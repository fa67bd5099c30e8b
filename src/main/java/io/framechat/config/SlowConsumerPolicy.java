package io.framechat.config;

import java.util.Locale;

/** {@code tcp.slowConsumer}: what happens to a client whose unsent bytes stay over {@code tcp.sendQueueBytes}. */
public enum SlowConsumerPolicy {
  /** {@code error} {@code slow_consumer}, then closed. */
  DISCONNECT,
  /** Its room messages are dropped (and counted) until it catches up; it is told once. */
  DROP;

  /** The name in the configuration: {@code disconnect} or {@code drop}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
