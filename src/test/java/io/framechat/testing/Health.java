package io.framechat.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a server process's {@code /health} says, and waiting for its store to settle. */
public final class Health {

  private Health() {
  }

  public static JsonObject of(ServerProcess node) {
    return HttpCall.get(node.httpPort(), "/health").body().toJsonObject();
  }

  /** Asks {@code /health} until the store's state satisfies {@code settled} (within 30 s). */
  public static void awaitStore(Vertx vertx, ServerProcess node, Predicate<JsonObject> settled, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject store = of(node).getJsonObject("store");
    while (!settled.test(store)) {
      assertTrue(System.nanoTime() < deadline, what + "; the store says " + store);
      vertx.timer(100).await(5, TimeUnit.SECONDS);
      store = of(node).getJsonObject("store");
    }
  }

  /** Everything written, and no room holding seqs reserved past its last message. */
  public static boolean writtenAndGivenBack(JsonObject store) {
    return store.getInteger("waiting") == 0 && store.getInteger("roomsReservedAhead") == 0;
  }
}
