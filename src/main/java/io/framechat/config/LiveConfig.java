package io.framechat.config;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration in force, which a reload can replace while the server runs. Components read it
 * when they use a value, so what can change without a restart changes at once.
 */
public final class LiveConfig {

  private final AtomicReference<FramechatConfig> current;

  public LiveConfig(FramechatConfig initial) {
    current = new AtomicReference<>(initial);
  }

  public FramechatConfig get() {
    return current.get();
  }

  /** Installs {@code next}; returns the configuration it replaces. */
  public FramechatConfig set(FramechatConfig next) {
    return current.getAndSet(next);
  }
}
