package io.framechat.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A Vert.x instance and one context of it, where a test makes its calls and waits for their results. */
public final class OnContext {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  public Vertx vertx() {
    return vertx;
  }

  /** Makes {@code call} on the context and waits for its result (30 s at most). */
  public <T> T await(Supplier<Future<T>> call) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(done));
    return done.future().await(30, TimeUnit.SECONDS);
  }

  /** Closes the Vert.x instance (10 s at most). */
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
