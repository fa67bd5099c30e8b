package io.framechat.http;

import java.util.function.IntSupplier;

/**
 * Readiness of the server as a whole, set by the server and read by the HTTP verticle. Liveness
 * needs no state: a server that answers HTTP is alive.
 */
public final class HealthState {

  /** The server's phase; only {@link #UP} is ready. */
  public enum Phase { STARTING, UP, DRAINING }

  private volatile Phase phase = Phase.STARTING;
  private volatile IntSupplier clusterMembers = () -> 1;
  private final long startedMillis = System.currentTimeMillis();

  public Phase phase() {
    return phase;
  }

  public void phase(Phase phase) {
    this.phase = phase;
  }

  /** Where to read the number of cluster members from (1 for a single node). */
  public void clusterMembers(IntSupplier members) {
    this.clusterMembers = members;
  }

  public int clusterMembers() {
    return clusterMembers.getAsInt();
  }

  public boolean ready() {
    return phase == Phase.UP;
  }

  public long uptimeSeconds() {
    return (System.currentTimeMillis() - startedMillis) / 1000;
  }
}
