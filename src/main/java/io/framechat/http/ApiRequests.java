package io.framechat.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator API's requests and replies: fields read with a clear 400 when they are wrong, and
 * every answer sent as JSON, or as {@code {"error":...,"message":...}} with its status.
 */
final class ApiRequests {

  private static final Logger LOG = Logger.getLogger(AdminApi.class.getName());

  private ApiRequests() {
  }

  static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new IllegalArgumentException("send a JSON object");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("send a JSON object");
    }
  }

  /** A string field, or "" when absent or null; anything else is a bad request. */
  static String stringField(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return value == null ? "" : (String) value;
  }

  /** A whole-number field, or {@code otherwise} when absent or null. */
  static int intField(JsonObject body, String field, int otherwise) {
    Object value = body.getValue(field);
    if (value == null) {
      return otherwise;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() > Integer.MAX_VALUE
        || ((Number) value).longValue() < 0) {
      throw new IllegalArgumentException("\"" + field + "\" must be a whole number, 0 or more");
    }
    return ((Number) value).intValue();
  }

  static String required(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException("\"" + field + "\" is required (a string)");
    }
    return text;
  }

  static int intParam(RoutingContext ctx, String name, int otherwise) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, 0 or more");
    }
  }

  /** A handler that runs {@code answer} (which may throw on a bad request) and replies with its JSON, or the error. */
  static Handler<RoutingContext> json(Function<RoutingContext, Future<JsonObject>> answer) {
    return ctx -> {
      Future<JsonObject> json;
      try {
        json = answer.apply(ctx);
      } catch (RuntimeException e) {
        json = Future.failedFuture(e);
      }
      json.onSuccess(body -> ctx.response().putHeader("content-type", "application/json").end(body.encode()))
          .onFailure(e -> failWith(ctx, e));
    };
  }

  static void failWith(RoutingContext ctx, Throwable e) {
    if (e instanceof IllegalArgumentException) {
      fail(ctx, 400, "bad_request", e.getMessage());
    } else if (e instanceof NoSuchElementException) {
      fail(ctx, 404, "not_found", e.getMessage());
    } else if (e instanceof ReplyException) {
      LOG.warning("admin request " + ctx.request().path() + ": a node did not answer: " + e.getMessage());
      fail(ctx, 503, "unavailable", "the nodes did not answer: " + e.getMessage());
    } else {
      LOG.log(Level.SEVERE, "admin request " + ctx.request().path() + " failed", e);
      fail(ctx, 500, "internal_error", "the request failed on the server (" + e.getClass().getSimpleName()
          + "); the server's log has the details");
    }
  }

  static void fail(RoutingContext ctx, int status, String error, String message) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", error).put("message", message).encode());
  }

  /** A resource the request named does not exist: 404. */
  static final class NoSuchElementException extends RuntimeException {
    NoSuchElementException(String message) {
      super(message, null, false, false);
    }
  }
}
