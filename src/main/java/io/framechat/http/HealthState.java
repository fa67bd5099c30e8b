package io.framechat.http;

/**
 * Readiness of the server as a whole, set by the server and read by the HTTP verticle. Liveness
 * needs no state: a server that answers HTTP is alive.
 */
public final class HealthState {

  /** The server's phase; only {@link #UP} is ready. */
  public enum Phase { STARTING, UP, DRAINING }

  private volatile Phase phase = Phase.STARTING;
  private final long startedMillis = System.currentTimeMillis();

  public Phase phase() {
    return phase;
  }

  public void phase(Phase phase) {
    this.phase = phase;
  }

  public boolean ready() {
    return phase == Phase.UP;
  }

  public long uptimeSeconds() {
    return (System.currentTimeMillis() - startedMillis) / 1000;
  }
}
