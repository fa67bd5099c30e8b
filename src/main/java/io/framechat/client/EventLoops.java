package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Contexts on distinct event loops, to spread many client connections over the cores. (A thread
 * outside Vert.x always gets the same, "sticky", event loop from {@code getOrCreateContext()}.)
 */
public final class EventLoops {

  private EventLoops() {
  }

  /** {@code count} event-loop contexts, from that many instances of an empty verticle. */
  public static Future<List<Context>> contexts(Vertx vertx, int count) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(count)).map(id -> List.copyOf(contexts));
  }
}
