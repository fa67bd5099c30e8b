package io.framechat.http;

import io.framechat.bans.Ban;
import io.framechat.http.ApiRequests.NoSuchElementException;
import io.framechat.protocol.Names;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import static io.framechat.http.ApiRequests.intField;
import static io.framechat.http.ApiRequests.stringField;

/** The operator API's bans: list them, ban a nick or an address block for a time, lift a ban. */
final class AdminBans {

  private final AdminApi.Node node;
  private final BiConsumer<String, String> acted;
  private final Supplier<String> label;

  /**
   * @param acted logs and counts an action: its name, then what it did
   * @param label who acts (admin.label), written into each ban
   */
  AdminBans(AdminApi.Node node, BiConsumer<String, String> acted, Supplier<String> label) {
    this.node = node;
    this.acted = acted;
    this.label = label;
  }

  Future<JsonObject> list() {
    return node.bans().list().map(bans -> {
      JsonArray list = new JsonArray();
      bans.forEach(ban -> list.add(ban.toJson().put("key", null)));
      return new JsonObject().put("bans", list);
    });
  }

  Future<JsonObject> ban(JsonObject body) {
    String nick = stringField(body, "nick");
    String ip = stringField(body, "ip");
    if (nick.isEmpty() == ip.isEmpty()) {
      throw new IllegalArgumentException("give one of nick and ip");
    }
    int seconds = intField(body, "seconds", 3600);
    if (seconds <= 0) {
      throw new IllegalArgumentException("seconds must be at least 1");
    }
    String reason = stringField(body, "reason");
    Ban ban = !nick.isEmpty() ? nickBan(nick, seconds, reason)
        : new Ban(UUID.randomUUID().toString(), Ban.Kind.IP, ip, null, until(seconds), reason, label.get());
    return node.bans().add(ban).map(v -> {
      acted.accept("ban", ban.kind().name().toLowerCase(Locale.ROOT) + " " + ban.value() + " for " + seconds + " s"
          + (reason.isEmpty() ? "" : ": " + reason));
      return ban.toJson().put("key", null);
    });
  }

  Future<JsonObject> unban(String id) {
    return node.bans().remove(id).map(removed -> {
      if (!removed) {
        throw new NoSuchElementException("no ban \"" + id + "\"");
      }
      acted.accept("unban", id);
      return new JsonObject().put("removed", id);
    });
  }

  /** A ban of {@code nick} (checked as a nick) for {@code seconds}. */
  Ban nickBan(String nick, int seconds, String reason) {
    String problem = Names.nickProblem(nick, node.config().get().chat().maxNickLength());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new Ban(UUID.randomUUID().toString(), Ban.Kind.NICK, nick, Names.nickKey(nick), until(seconds), reason,
        label.get());
  }

  private static long until(int seconds) {
    return System.currentTimeMillis() + seconds * 1000L;
  }

}
