package io.framechat.http;

import io.framechat.bans.Ban;
import io.framechat.http.ApiRequests.NoSuchElementException;
import io.framechat.bans.BanStore;
import io.framechat.bus.Addresses;
import io.framechat.bus.AdminOps;
import io.framechat.config.FramechatConfig;
import io.framechat.log.Events;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.Names;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

import static io.framechat.http.ApiRequests.body;
import static io.framechat.http.ApiRequests.fail;
import static io.framechat.http.ApiRequests.intField;
import static io.framechat.http.ApiRequests.intParam;
import static io.framechat.http.ApiRequests.json;
import static io.framechat.http.ApiRequests.required;
import static io.framechat.http.ApiRequests.stringField;
/**
 * The operator API under {@code /api}, off unless {@code admin.token} is set: every request carries
 * {@code Authorization: Bearer TOKEN}. It asks every node's admin address ({@link AdminOps}) and
 * merges the answers, so one node speaks for the cluster; bans go to the {@link BanStore}, which
 * every node follows. docs/API.md describes each endpoint.
 */
public final class AdminApi {

  private static final Logger LOG = Logger.getLogger(AdminApi.class.getName());
  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(5000);
  private static final long MAX_BODY_BYTES = 64 * 1024;

  /**
   * What the API needs of the server it runs in.
   *
   * @param id this node's id: its admin address is {@link Addresses#ADMIN_PREFIX} + id
   * @param nodes the ids of every node of the cluster (this one alone on a single node)
   */
  public record Node(String id, String version, long startedAt, Supplier<List<String>> nodes,
      Supplier<FramechatConfig> config, BanStore bans, ChatMetrics metrics) {
  }

  private final Vertx vertx;
  private final Node node;
  private final AdminBans bans;

  AdminApi(Vertx vertx, Node node) {
    this.vertx = vertx;
    this.node = node;
    this.bans = new AdminBans(node, this::acted, this::label);
  }

  /** The routes, to mount under {@code /api}. */
  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::authorize);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.get("/info").handler(json(ctx -> info()));
    router.get("/clients").handler(json(this::clients));
    router.get("/rooms").handler(json(ctx -> rooms()));
    router.get("/rooms/:room").handler(json(ctx -> room(ctx.pathParam("room"), intParam(ctx, "history", 20))));
    router.post("/publish").handler(json(ctx -> publish(body(ctx))));
    router.post("/disconnect").handler(json(ctx -> disconnect(body(ctx))));
    router.get("/bans").handler(json(ctx -> bans.list()));
    router.post("/bans").handler(json(ctx -> bans.ban(body(ctx))));
    router.delete("/bans/:id").handler(json(ctx -> bans.unban(ctx.pathParam("id"))));
    router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .sendFile("openapi/framechat-admin.json"));
    router.route().handler(ctx -> fail(ctx, 404, "not_found", "no such endpoint: " + ctx.request().method() + " "
        + ctx.request().path()));
    return router;
  }

  /** Only requests with the token get further; compared in constant time. */
  private void authorize(RoutingContext ctx) {
    String token = node.config().get().admin().token();
    if (token.isEmpty()) {
      fail(ctx, 404, "not_found", "the admin API is off: set admin.token (FRAMECHAT_ADMIN_TOKEN)");
      return;
    }
    String given = ctx.request().getHeader("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, actual)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"framechat\"");
      fail(ctx, 401, "unauthorized", given == null ? "send Authorization: Bearer <admin.token>" : "wrong token");
      return;
    }
    ctx.next();
  }

  /** This node: version, id, uptime, traffic by transport; the rooms and members of the whole cluster. */
  private Future<JsonObject> info() {
    return askAll(new JsonObject().put("op", AdminOps.ROOMS)).map(answers -> node.metrics().summary()
        .put("version", node.version()).put("node", node.id())
        .put("uptimeSeconds", (System.currentTimeMillis() - node.startedAt()) / 1000)
        .put("clusterMembers", node.nodes().get().size())
        .put("rooms", merged(answers).size()));
  }

  private Future<JsonObject> clients(RoutingContext ctx) {
    String room = ctx.queryParams().get("room");
    String nick = ctx.queryParams().get("nick");
    String transport = ctx.queryParams().get("transport");
    int limit = intParam(ctx, "limit", 100);
    int offset = intParam(ctx, "offset", 0);
    Comparator<JsonObject> order = switch (ctx.queryParams().get("sort") == null ? "connected"
        : ctx.queryParams().get("sort")) {
      case "connected" -> Comparator.comparingLong(c -> c.getLong("connectedAt"));
      case "msgs_in" -> Comparator.comparingLong((JsonObject c) -> c.getLong("framesIn", 0L)).reversed();
      case "bytes_out" -> Comparator.comparingLong((JsonObject c) -> c.getLong("bytesOut", 0L)).reversed();
      case "pending" -> Comparator.comparingLong((JsonObject c) -> c.getLong("pendingBytes", 0L)).reversed();
      default -> throw new IllegalArgumentException("sort is one of connected, msgs_in, bytes_out, pending");
    };

    return askAll(new JsonObject().put("op", AdminOps.CLIENTS)).map(answers -> {
      List<JsonObject> all = new ArrayList<>();
      for (Answer answer : answers) {
        for (Object item : answer.body().getJsonArray("clients")) {
          JsonObject client = (JsonObject) item;
          client.put("id", shortId(answer.node()) + "-" + client.getLong("id")).put("node", answer.node());
          all.add(client);
        }
      }
      List<JsonObject> chosen = all.stream()
          .filter(c -> room == null || c.getJsonArray("rooms").contains(room))
          .filter(c -> nick == null || Names.sameNick(nick, c.getString("nick")))
          .filter(c -> transport == null || transport.equals(c.getString("transport")))
          .sorted(order).toList();
      int from = Math.min(offset, chosen.size());
      List<JsonObject> page = chosen.subList(from, (int) Math.min(chosen.size(), (long) from + limit));
      return new JsonObject().put("total", chosen.size()).put("offset", offset).put("clients", new JsonArray(page));
    });
  }

  private Future<JsonObject> rooms() {
    return askAll(new JsonObject().put("op", AdminOps.ROOMS))
        .map(answers -> new JsonObject().put("rooms", new JsonArray(merged(answers))));
  }

  private Future<JsonObject> room(String name, int count) {
    if (Names.roomProblem(name, node.config().get().chat().maxRoomNameLength()) != null) {
      return Future.failedFuture(new IllegalArgumentException("not a room name: \"" + name + "\""));
    }
    return askAll(new JsonObject().put("op", AdminOps.ROOM).put("room", name).put("count", count)).map(answers -> {
      JsonArray members = new JsonArray();
      JsonObject best = answers.get(0).body();
      for (Answer answer : answers) {
        answer.body().getJsonArray("members").forEach(members::add);
        if (answer.body().getJsonArray("history").size() > best.getJsonArray("history").size()) {
          best = answer.body();
        }
      }
      if (members.isEmpty() && best.getJsonArray("history").isEmpty() && best.getLong("seq", 0L) == 0) {
        throw new NoSuchElementException("no room \"" + name + "\"");
      }
      return best.copy().put("members", members);
    });
  }

  private Future<JsonObject> publish(JsonObject body) {
    String room = required(body, "room");
    String text = required(body, "text");
    String problem = Names.roomProblem(room, node.config().get().chat().maxRoomNameLength());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > node.config().get().chat().maxTextBytes()
        || !Names.printableText(text)) {
      throw new IllegalArgumentException("text must be printable and at most chat.maxTextBytes bytes");
    }
    return ask(node.id(), new JsonObject().put("op", AdminOps.PUBLISH).put("room", room).put("text", text))
        .onSuccess(answer -> acted("publish", "room " + room + ", seq " + answer.getLong("seq")));
  }

  private Future<JsonObject> disconnect(JsonObject body) {
    String givenNick = stringField(body, "nick");
    String givenId = stringField(body, "id");
    if (givenNick.isEmpty() == givenId.isEmpty()) {
      throw new IllegalArgumentException("give one of nick and id");
    }
    String nick = givenNick.isEmpty() ? null : givenNick;
    String id = givenId.isEmpty() ? null : givenId;
    int banSeconds = intField(body, "banSeconds", 0);
    String reason = stringField(body, "reason");
    JsonObject request = new JsonObject().put("op", AdminOps.DISCONNECT).put("nick", nick)
        .put("reason", banSeconds > 0 ? "banned" : "disconnected").put("message", reason);
    List<String> targets = id == null ? node.nodes().get() : List.of(ownerOf(id));
    if (id != null) {
      request.put("id", Long.parseLong(id.substring(id.lastIndexOf('-') + 1)));
    }
    Ban ban = banSeconds <= 0 || nick == null ? null : bans.nickBan(nick, banSeconds, reason);
    // disconnect first (the bye says banned, with the reason), then ban: so the count is of this request's doing
    return ask(targets, request).compose(answers -> ban == null ? Future.succeededFuture(answers)
        : node.bans().add(ban).map(answers)).map(answers -> {
      int closed = answers.stream().mapToInt(a -> a.body().getInteger("closed", 0)).sum();
      acted("disconnect", (nick != null ? "nick " + nick : "id " + id) + ", " + closed + " closed"
          + (banSeconds > 0 ? ", banned " + banSeconds + " s" : "") + (reason.isEmpty() ? "" : ": " + reason));
      return new JsonObject().put("closed", closed);
    });
  }

  /** The node a client id ({@code NODE-ENDPOINT}, as {@code /api/clients} gives it) is on. */
  private String ownerOf(String id) {
    int dash = id.lastIndexOf('-');
    String prefix = dash < 0 ? "" : id.substring(0, dash);
    return node.nodes().get().stream().filter(n -> shortId(n).equals(prefix)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no client \"" + id + "\""));
  }

  private String label() {
    return node.config().get().admin().label();
  }

  /** One log line and one count per action. */
  private void acted(String action, String what) {
    node.metrics().adminAction(action);
    Events.info(LOG, "admin " + label() + ": " + action + " " + what, "action", action, "by", label());
  }

  // ---- asking the nodes ----

  /** One node's answer. */
  private record Answer(String node, JsonObject body) {
  }

  private Future<List<Answer>> askAll(JsonObject request) {
    return ask(node.nodes().get(), request);
  }

  private Future<List<Answer>> ask(List<String> nodes, JsonObject request) {
    List<Future<Answer>> asked = new ArrayList<>();
    for (String target : nodes) {
      asked.add(ask(target, request).map(body -> new Answer(target, body)));
    }
    return Future.all(asked).map(all -> asked.stream().map(Future::result).toList());
  }

  private Future<JsonObject> ask(String target, JsonObject request) {
    return vertx.eventBus().<JsonObject>request(Addresses.ADMIN_PREFIX + target, request, ASK)
        .map(Message::body);
  }

  /** The rooms every node listed, one entry each: members added up, the furthest seq, the busiest minute. */
  private static List<JsonObject> merged(List<Answer> answers) {
    Map<String, JsonObject> byName = new TreeMap<>();
    for (Answer answer : answers) {
      for (Object item : answer.body().getJsonArray("rooms")) {
        JsonObject room = (JsonObject) item;
        byName.merge(room.getString("room"), room.copy(), (a, b) -> a
            .put("members", a.getInteger("members") + b.getInteger("members"))
            .put("seq", Math.max(a.getLong("seq"), b.getLong("seq")))
            .put("messagesLastMinute", Math.max(a.getInteger("messagesLastMinute"), b.getInteger("messagesLastMinute"))));
      }
    }
    return new ArrayList<>(byName.values());
  }

  private static String shortId(String nodeId) {
    return nodeId.length() <= 8 ? nodeId : nodeId.substring(0, 8);
  }
}
