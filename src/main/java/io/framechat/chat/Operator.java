package io.framechat.chat;

import io.framechat.bans.Ban;
import io.framechat.bans.BanList;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Names;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What an operator sees of this node's chat and does to it (the admin API): its clients and rooms,
 * a room's members and latest messages, a message from the server, disconnecting clients, and
 * sending away those a new ban covers. Each node answers for its own clients; the caller merges
 * what the nodes of a cluster say. Runs on the broadcast verticle's event loop, like the hub.
 */
final class Operator {

  /** The nick messages published by an operator are from (reserved: nobody can take it). */
  static final String SERVER_NICK = "server";

  private final Map<Long, Client> clients;
  private final Rooms rooms;
  private final RoomHistory history;
  private final Sequencer sequencer;
  private final LongSupplier clock;
  private final String idPrefix;
  private final Disconnect disconnect;
  private long published;

  /** Closes a client for good (forgotten by the hub, then told {@code bye} with the words given). */
  interface Disconnect {
    void close(Client client, CloseReason reason, String message);
  }

  Operator(Map<Long, Client> clients, Rooms rooms, RoomHistory history, Sequencer sequencer,
      LongSupplier clock, String idPrefix, Disconnect disconnect) {
    this.clients = clients;
    this.rooms = rooms;
    this.history = history;
    this.sequencer = sequencer;
    this.clock = clock;
    this.idPrefix = idPrefix + "op-";
    this.disconnect = disconnect;
  }

  /** This node's clients: id, nick, transport, address, when connected, rooms; and the gateway that has their counters. */
  JsonArray clients() {
    JsonArray list = new JsonArray();
    for (Client client : clients.values()) {
      list.add(new JsonObject()
          .put("id", client.id())
          .put("nick", client.nick)
          .put("transport", client.endpoint.transport())
          .put("remoteAddress", client.endpoint.remoteAddress())
          .put("connectedAt", client.connectedAt)
          .put("rooms", new JsonArray(List.of(client.rooms.toArray())))
          .put("gateway", client.endpoint.gateway()));
    }
    return list;
  }

  /** The rooms with members on this node: members here, where the stream stands, messages in the last minute. */
  JsonArray rooms() {
    JsonArray list = new JsonArray();
    long now = clock.getAsLong();
    for (Room room : rooms.all()) {
      Position at = history.position(room.name);
      list.add(new JsonObject().put("room", room.name).put("members", room.size()).put("seq", at.seq())
          .put("epoch", at.epoch()).put("messagesLastMinute", room.recent.count(now)));
    }
    return list;
  }

  /** One room: its members on this node and the latest {@code count} messages this node holds. */
  JsonObject room(String name, int count) {
    Room room = rooms.get(name);
    Position at = history.position(name);
    JsonArray messages = new JsonArray();
    for (Buffer body : history.latest(name, count, clock.getAsLong()).bodies()) {
      messages.add(new JsonObject(body));
    }
    return new JsonObject().put("room", name).put("members", new JsonArray(room == null ? List.of() : room.nicks()))
        .put("seq", at.seq()).put("epoch", at.epoch()).put("history", messages);
  }

  /**
   * A message from {@value #SERVER_NICK} to a room, numbered and kept like any other and sent to its
   * members on every node; completes with its seq.
   */
  Future<Long> publish(String room, String text) {
    Future<Void> known = history.known(room) ? Future.succeededFuture() : sequencer.load(room).transform(loaded -> {
      if (!history.known(room)) {
        history.load(room, loaded.succeeded() ? loaded.result() : HistorySlice.EMPTY, clock.getAsLong());
      }
      return Future.succeededFuture();
    });
    return known.compose(v -> sequencer.sequence(new RoomMessage(idPrefix + Long.toString(++published, 36), room,
        SERVER_NICK, text, clock.getAsLong()), history.position(room)));
  }

  /** Closes this node's clients with the nick (or a look-alike) or the id; how many. */
  int disconnect(String nick, Long id, CloseReason reason, String message) {
    int closed = 0;
    for (Client client : List.copyOf(clients.values())) {
      if ((id != null && client.id() == id) || (nick != null && Names.sameNick(nick, client.nick))) {
        disconnect.close(client, reason, message);
        closed++;
      }
    }
    return closed;
  }

  /** Sends away the clients of this node that a ban now covers (its nick, or its address). */
  void enforce(Collection<Ban> bans, BanList list) {
    if (bans.isEmpty()) {
      return;
    }
    long now = clock.getAsLong();
    for (Client client : List.copyOf(clients.values())) {
      Ban ban = list.ofNick(client.nick, now);
      if (ban == null) {
        ban = list.ofAddress(host(client.endpoint.remoteAddress()), now);
      }
      if (ban != null) {
        disconnect.close(client, CloseReason.BANNED, ban.reason());
      }
    }
  }

  /** The host of a {@code host:port} address (IPv6 hosts hold colons too). */
  static String host(String remoteAddress) {
    int colon = remoteAddress.lastIndexOf(':');
    return colon < 0 ? remoteAddress : remoteAddress.substring(0, colon);
  }
}
