package io.framechat.http;

import io.vertx.core.json.JsonObject;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Readiness of the server as a whole, set by the server and read by the HTTP verticle. Liveness
 * needs no state: a server that answers HTTP is alive.
 */
public final class HealthState {

  /** The server's phase; only {@link #UP} is ready. */
  public enum Phase { STARTING, UP, DRAINING }

  private volatile Phase phase = Phase.STARTING;
  private volatile IntSupplier clusterMembers = () -> 1;
  private volatile Supplier<JsonObject> store = () -> new JsonObject().put("kind", "memory");
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

  /** Where to read the store's state from (its kind, whether it is up, what waits). */
  public void store(Supplier<JsonObject> status) {
    this.store = status;
  }

  /** The store's state, shown by {@code /health}; an outage does not make the server unready. */
  public JsonObject store() {
    return store.get();
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
