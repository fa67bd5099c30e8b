package io.framechat.chat;

import io.framechat.protocol.Parsed;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each client's requests in order. A request that has to wait (a nick claimed in the
 * cluster, a room's history loaded) makes the client busy: its later requests queue behind it and
 * run, in order, once it completes. So every reply reaches the client in the order of its requests.
 */
final class Requests {

  /** Runs one request. */
  interface Runner {
    void run(Client client, Parsed request);
  }

  private static final Logger LOG = Logger.getLogger(Requests.class.getName());

  private final Runner runner;
  private final Predicate<Client> connected;

  /** @param connected whether a client is still there (requests of a client gone are dropped) */
  Requests(Runner runner, Predicate<Client> connected) {
    this.runner = runner;
    this.connected = connected;
  }

  /** Runs the request now, or after those the client is waiting for. */
  void submit(Client client, Parsed request) {
    if (client.busy) {
      client.waiting().add(request);
    } else {
      runner.run(client, request);
    }
  }

  /** Puts {@code requests} ahead of those already waiting (a {@code hello} rejoining rooms). */
  void runFirst(Client client, List<? extends Parsed> requests) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      client.waiting().addFirst(requests.get(i));
    }
  }

  /**
   * Holds the client's later requests until {@code pending} completes; then runs {@code then}
   * (whether or not the client is still there) and the requests that waited, in order, even when
   * {@code then} throws (that is logged, with the client, and the client is answered
   * {@code unavailable} by the caller's own error path, if it has one).
   */
  <T> void await(Client client, Future<T> pending, Handler<AsyncResult<T>> then) {
    client.busy = true;
    pending.onComplete(result -> {
      client.busy = false;
      try {
        then.handle(result);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "completing a request of client " + client.id() + " failed", e);
      } finally {
        drain(client);
      }
    });
  }

  /** Runs the requests that waited, until the client is busy again. */
  void drain(Client client) {
    while (!client.busy && client.hasWaiting() && connected.test(client)) {
      runner.run(client, client.waiting().poll());
    }
  }
}
