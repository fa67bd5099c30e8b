package io.framechat.chat;

import io.framechat.bus.Addresses;
import io.framechat.bus.AdminOps;
import io.framechat.protocol.CloseReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers this node's admin address ({@link AdminOps}) on the broadcast verticle's event loop: what
 * {@link Operator} says, and for clients the counters their gateways keep.
 */
final class AdminDesk {

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(5000);

  private final Vertx vertx;
  private final Operator operator;

  AdminDesk(Vertx vertx, Operator operator) {
    this.vertx = vertx;
    this.operator = operator;
  }

  void handle(Message<JsonObject> message) {
    JsonObject request = message.body();
    Future<JsonObject> answer;
    try {
      answer = answer(request);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(message::reply).onFailure(e -> message.fail(400, String.valueOf(e.getMessage())));
  }

  private Future<JsonObject> answer(JsonObject request) {
    String op = request.getString("op", "");
    switch (op) {
      case AdminOps.CLIENTS:
        return clients();
      case AdminOps.ROOMS:
        return Future.succeededFuture(new JsonObject().put("rooms", operator.rooms()));
      case AdminOps.ROOM:
        return Future.succeededFuture(operator.room(request.getString("room"), request.getInteger("count", 20)));
      case AdminOps.PUBLISH: {
        Future<Long> seq = operator.publish(request.getString("room"), request.getString("text"));
        return seq.map(s -> new JsonObject().put("seq", s));
      }
      case AdminOps.DISCONNECT: {
        CloseReason reason = "banned".equals(request.getString("reason")) ? CloseReason.BANNED : CloseReason.DISCONNECTED;
        int closed = operator.disconnect(request.getString("nick"), request.getLong("id"), reason,
            request.getString("message"));
        return Future.succeededFuture(new JsonObject().put("closed", closed));
      }
      default:
        return Future.failedFuture("unknown op \"" + op + "\"");
    }
  }

  /** This node's clients with the counters of each, asked of every gateway that has one. */
  private Future<JsonObject> clients() {
    JsonArray clients = operator.clients();
    Set<String> gateways = new LinkedHashSet<>();
    clients.forEach(client -> gateways.add(((JsonObject) client).getString("gateway")));
    List<Future<JsonObject>> asked = new ArrayList<>();
    for (String gateway : gateways) {
      asked.add(vertx.eventBus().<JsonObject>request(gateway + Addresses.COUNTERS_SUFFIX, null, LOCAL)
          .map(Message::body).otherwise(new JsonObject()));
    }
    return Future.all(asked).map(all -> {
      JsonObject counters = new JsonObject();
      asked.forEach(answer -> counters.mergeIn(answer.result()));
      for (Object item : clients) {
        JsonObject client = (JsonObject) item;
        JsonObject own = counters.getJsonObject(Long.toString(client.getLong("id")));
        client.remove("gateway");
        if (own != null) {
          client.mergeIn(own);
        }
      }
      return new JsonObject().put("clients", clients);
    });
  }
}
