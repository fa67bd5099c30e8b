package io.framechat.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code framechat admin ...}: the admin API (docs/API.md) from the command line, a table by
 * default or the API's JSON with {@code --json}. Exit codes: 0 done, 1 the server refused or
 * failed, 2 it could not be reached.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Operate a running server through its admin API (admin.token must be set on it).",
    subcommands = {AdminCommand.Info.class, AdminCommand.Clients.class, AdminCommand.Rooms.class,
        AdminCommand.Room.class, AdminCommand.Publish.class, AdminCommand.Disconnect.class, AdminCommand.Ban.class,
        AdminCommand.Bans.class, AdminCommand.Unban.class})
public final class AdminCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  @Override
  public Integer call() {
    System.err.println("framechat admin: name a command: info, clients, rooms, room, publish, disconnect, ban, bans,"
        + " unban (--help)");
    return 2;
  }

  /** Runs one request and prints the answer, as JSON or through {@code table}. */
  abstract static class Call implements Callable<Integer> {

    @Mixin
    AdminTarget target;

    abstract AdminTarget.Request request();

    abstract void print(JsonObject answer);

    @Override
    public Integer call() {
      return target.run(request(), this::print);
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "The node: version, uptime, connections, traffic.")
  static final class Info extends Call {
    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.get("/api/info");
    }

    @Override
    void print(JsonObject info) {
      System.out.printf("node %s, version %s, up %s s, %d cluster members, %d rooms, %d messages, %d slow consumers%n",
          info.getString("node"), info.getString("version"), info.getLong("uptimeSeconds"),
          info.getInteger("clusterMembers"), info.getInteger("rooms"), info.getLong("messages"),
          info.getLong("slowConsumers"));
      for (String transport : List.of("tcp", "udp")) {
        JsonObject t = info.getJsonObject(transport);
        System.out.printf("%s: %d connected, %d frames in (%d bytes), %d deliveries (%d bytes)%n", transport,
            t.getInteger("connections"), t.getLong("framesIn"), t.getLong("bytesIn"), t.getLong("deliveries"),
            t.getLong("bytesOut"));
      }
    }
  }

  @Command(name = "clients", mixinStandardHelpOptions = true, description = "Clients on every node.")
  static final class Clients extends Call {
    @Option(names = "--room", description = "Only members of this room.") String room;
    @Option(names = "--nick", description = "Only this nick.") String nick;
    @Option(names = "--transport", description = "tcp or udp.") String transport;
    @Option(names = "--sort", description = "connected (default), msgs_in, bytes_out or pending.") String sort;
    @Option(names = "--limit", description = "At most this many (default: 100).") Integer limit;
    @Option(names = "--offset", description = "Skip this many first.") Integer offset;

    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.get("/api/clients").query("room", room).query("nick", nick)
          .query("transport", transport).query("sort", sort).query("limit", limit).query("offset", offset);
    }

    @Override
    void print(JsonObject answer) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "NICK", "TRANSPORT", "ADDRESS", "CONNECTED", "ROOMS", "IN", "OUT", "PENDING"));
      for (Object item : answer.getJsonArray("clients")) {
        JsonObject c = (JsonObject) item;
        rows.add(List.of(c.getString("id"), c.getString("nick"), c.getString("transport"), c.getString("remoteAddress"),
            TIME.format(Instant.ofEpochMilli(c.getLong("connectedAt"))), String.join(",",
                c.getJsonArray("rooms").stream().map(String::valueOf).toList()),
            c.getLong("framesIn", 0L) + " / " + c.getLong("bytesIn", 0L) + " B",
            c.getLong("framesOut", 0L) + " / " + c.getLong("bytesOut", 0L) + " B",
            c.getLong("pendingBytes", 0L) + " B"));
      }
      table(rows);
      System.out.println(answer.getInteger("total") + " clients");
    }
  }

  @Command(name = "rooms", mixinStandardHelpOptions = true, description = "Rooms with members, cluster-wide.")
  static final class Rooms extends Call {
    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.get("/api/rooms");
    }

    @Override
    void print(JsonObject answer) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ROOM", "MEMBERS", "SEQ", "EPOCH", "LAST MINUTE"));
      for (Object item : answer.getJsonArray("rooms")) {
        JsonObject r = (JsonObject) item;
        rows.add(List.of(r.getString("room"), String.valueOf(r.getInteger("members")), String.valueOf(r.getLong("seq")),
            String.valueOf(r.getString("epoch")), String.valueOf(r.getInteger("messagesLastMinute"))));
      }
      table(rows);
    }
  }

  @Command(name = "room", mixinStandardHelpOptions = true, description = "One room: members and latest messages.")
  static final class Room extends Call {
    @Parameters(paramLabel = "ROOM", description = "The room: its members and latest messages.") String room;
    @Option(names = "--history", description = "Latest messages to show (default: 20).") Integer history;

    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.get("/api/rooms/" + AdminTarget.encode(room)).query("history", history);
    }

    @Override
    void print(JsonObject answer) {
      JsonArray members = answer.getJsonArray("members");
      System.out.println(answer.getString("room") + ": seq " + answer.getLong("seq") + ", " + members.size()
          + " members: " + String.join(", ", members.stream().map(String::valueOf).toList()));
      for (Object item : answer.getJsonArray("history")) {
        JsonObject m = (JsonObject) item;
        System.out.println("  " + TIME.format(Instant.ofEpochMilli(m.getLong("ts"))) + " #" + m.getLong("seq") + " "
            + m.getString("from") + ": " + m.getString("text"));
      }
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true, description = "Say something to a room, as the server.")
  static final class Publish extends Call {
    @Parameters(index = "0", paramLabel = "ROOM", description = "The room to say it in.") String room;
    @Parameters(index = "1", paramLabel = "TEXT", description = "What to say, from the server (quote it).") String text;

    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.post("/api/publish", new JsonObject().put("room", room).put("text", text));
    }

    @Override
    void print(JsonObject answer) {
      System.out.println("published to " + room + " as seq " + answer.getLong("seq"));
    }
  }

  @Command(name = "disconnect", mixinStandardHelpOptions = true, description = "Disconnect a client by nick or id.")
  static final class Disconnect extends Call {
    @Option(names = "--nick", description = "Every connection under this nick (a person's devices too).") String nick;
    @Option(names = "--id", description = "As admin clients shows it.") String id;
    @Option(names = "--reason", description = "Shown to the client in its bye.") String reason;
    @Option(names = "--ban-seconds", description = "Also ban the nick this long.") Integer banSeconds;

    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.post("/api/disconnect", new JsonObject().put("nick", nick).put("id", id)
          .put("reason", reason).put("banSeconds", banSeconds));
    }

    /** Exit code 1 when nobody was disconnected (no such nick or id on any node). */
    @Override
    public Integer call() {
      int[] closed = {-1};
      int code = target.run(request(), answer -> {
        closed[0] = answer.getInteger("closed", 0);
        print(answer);
      });
      return code == 0 && closed[0] == 0 ? 1 : code;
    }

    @Override
    void print(JsonObject answer) {
      int closed = answer.getInteger("closed", 0);
      if (closed == 0) {
        System.out.println("nobody is connected " + (nick != null ? "as " + nick : "with id " + id)
            + ": nobody disconnected");
      } else {
        System.out.println(closed + " disconnected");
      }
    }
  }

  @Command(name = "ban", mixinStandardHelpOptions = true, description = "Ban a nick or an address (IP or CIDR).")
  static final class Ban extends Call {
    @Option(names = "--nick", description = "A nick, and the nicks that look like it.") String nick;
    @Option(names = "--ip", description = "An address or a block: 203.0.113.7, 203.0.113.0/24, 2001:db8::/32.") String ip;
    @Option(names = "--seconds", description = "How long (default: 3600).") Integer seconds;
    @Option(names = "--reason", description = "Shown to whoever the ban refuses.") String reason;

    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.post("/api/bans", new JsonObject().put("nick", nick).put("ip", ip)
          .put("seconds", seconds).put("reason", reason));
    }

    @Override
    void print(JsonObject ban) {
      System.out.println("banned " + ban.getString("kind") + " " + ban.getString("value") + " until "
          + TIME.format(Instant.ofEpochMilli(ban.getLong("until"))) + " (id " + ban.getString("id") + ")");
    }
  }

  @Command(name = "bans", mixinStandardHelpOptions = true, description = "The bans in force.")
  static final class Bans extends Call {
    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.get("/api/bans");
    }

    @Override
    void print(JsonObject answer) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "KIND", "VALUE", "UNTIL", "BY", "REASON"));
      for (Object item : answer.getJsonArray("bans")) {
        JsonObject b = (JsonObject) item;
        rows.add(List.of(b.getString("id"), b.getString("kind"), b.getString("value"),
            TIME.format(Instant.ofEpochMilli(b.getLong("until"))), b.getString("by"), b.getString("reason")));
      }
      table(rows);
    }
  }

  @Command(name = "unban", mixinStandardHelpOptions = true, description = "Lift a ban.")
  static final class Unban extends Call {
    @Parameters(paramLabel = "ID", description = "As admin bans shows it.") String id;

    @Override
    AdminTarget.Request request() {
      return AdminTarget.Request.delete("/api/bans/" + AdminTarget.encode(id));
    }

    @Override
    void print(JsonObject answer) {
      System.out.println("lifted " + answer.getString("removed"));
    }
  }

  /** Prints rows as columns padded to their widest cell. */
  static void table(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i) == null ? 4 : row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i) == null ? "-" : row.get(i);
        line.append(i == row.size() - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
      }
      System.out.println(line.toString().stripTrailing());
    }
  }
}
