package io.framechat.config;

import io.vertx.core.json.JsonObject;

/** A configuration section: equal to another of its class when their JSON forms are equal. */
public abstract class JsonSection {

  /** Every key of the section with its value. */
  public abstract JsonObject toJson();

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && toJson().equals(((JsonSection) o).toJson());
  }

  @Override
  public final int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public final String toString() {
    return toJson().encode();
  }
}
