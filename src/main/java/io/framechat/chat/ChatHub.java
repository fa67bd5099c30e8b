package io.framechat.chat;

import io.framechat.bus.Inbound;
import io.framechat.config.ChatOptions;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.Names;
import io.framechat.protocol.ParseError;
import io.framechat.protocol.ServerFrames;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The chat: nicks, rooms, membership and what each command makes the server send. Single-threaded
 * (the broadcast verticle's event loop) and free of I/O: every effect goes to the {@link Outbox}.
 */
final class ChatHub {

  private final ChatOptions options;
  private final Outbox out;
  private final LongSupplier clock;
  private final String idPrefix;
  private final Map<Long, Client> clients = new HashMap<>();
  /** Nicks are unique ignoring case: the key is the lower-cased nick. */
  private final Map<String, Client> nicks = new HashMap<>();
  private final Map<String, Room> rooms = new HashMap<>();
  private long guests;
  private long messages;

  ChatHub(ChatOptions options, Outbox out, LongSupplier clock, String idPrefix) {
    this.options = options;
    this.out = out;
    this.clock = clock;
    this.idPrefix = idPrefix;
  }

  int clientCount() {
    return clients.size();
  }

  int roomCount() {
    return rooms.size();
  }

  void handle(Inbound item) {
    if (item instanceof Inbound.Connected connected) {
      connect(connected);
    } else if (item instanceof Inbound.Received received) {
      Client client = clients.get(received.endpoint().id());
      if (client == null) {
        return;
      }
      if (received.parsed() instanceof ParseError refused) {
        error(client, refused.code(), refused.message());
      } else {
        dispatch(client, (Command) received.parsed());
      }
    } else if (item instanceof Inbound.Disconnected disconnected) {
      Client client = clients.get(disconnected.endpoint().id());
      if (client != null) {
        remove(client);
      }
    }
  }

  private void connect(Inbound.Connected connected) {
    Client client = new Client(connected.endpoint(), guestNick());
    clients.put(client.endpoint.id(), client);
    nicks.put(key(client.nick), client);
    out.toClient(client, ServerFrames.welcome(client.nick, options.getDefaultRoom()));
    enter(client, options.getDefaultRoom());
  }

  private void dispatch(Client client, Command command) {
    if (command instanceof Command.Say say) {
      say(client, say);
    } else if (command instanceof Command.Hello hello) {
      rename(client, hello.nick());
    } else if (command instanceof Command.Join join) {
      join(client, join.room());
    } else if (command instanceof Command.Leave leave) {
      leave(client, leave.room());
    } else if (command instanceof Command.Whisper whisper) {
      whisper(client, whisper);
    } else if (command instanceof Command.Who who) {
      who(client, who.room());
    } else if (command instanceof Command.Rooms) {
      listRooms(client);
    } else if (command instanceof Command.Ping ping) {
      out.toClient(client, ServerFrames.pong(ping.id()));
    } else if (command instanceof Command.Quit) {
      remove(client);
      out.close(client, ServerFrames.bye("quit"), "quit");
    }
  }

  private void say(Client client, Command.Say say) {
    String roomName = say.room() != null ? say.room() : client.current;
    Room room = roomName == null ? null : rooms.get(roomName);
    if (room == null || !room.contains(client)) {
      error(client, ErrorCode.NOT_IN_ROOM, roomName == null
          ? "you are in no room: /join one first" : "you are not in room \"" + roomName + "\"");
      return;
    }
    if (textRefused(client, say.text())) {
      return;
    }
    String id = idPrefix + Long.toString(++messages, 36);
    out.toRoom(room, ServerFrames.message(id, room.name, client.nick, say.text(), clock.getAsLong()));
  }

  private void whisper(Client client, Command.Whisper whisper) {
    if (textRefused(client, whisper.text())) {
      return;
    }
    Client target = nicks.get(key(whisper.to()));
    if (target == null) {
      error(client, ErrorCode.NO_SUCH_NICK, "nobody is called \"" + whisper.to() + "\"");
      return;
    }
    JsonObject frame = ServerFrames.whisper(client.nick, target.nick, whisper.text(), clock.getAsLong());
    FrameBatch frames = out.encode(frame);
    out.toClient(target, frames);
    if (target != client) {
      out.toClient(client, frames);
    }
  }

  private void rename(Client client, String nick) {
    String problem = Names.nickProblem(nick, options.getMaxNickLength());
    if (problem != null) {
      error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    Client owner = nicks.get(key(nick));
    if (owner != null && owner != client) {
      error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      return;
    }
    String old = client.nick;
    out.toClient(client, ServerFrames.nick(nick));
    if (!old.equals(nick)) {
      nicks.remove(key(old));
      nicks.put(key(nick), client);
      client.nick = nick;
      for (String roomName : client.rooms) {
        Room room = rooms.get(roomName);
        if (announces(room.size())) {
          out.toRoom(room, ServerFrames.renamed(roomName, nick, old));
        }
      }
    }
  }

  private void join(Client client, String roomName) {
    String problem = Names.roomProblem(roomName, options.getMaxRoomNameLength());
    if (problem != null) {
      error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    if (client.rooms.contains(roomName)) {
      client.enter(roomName);
    } else if (client.rooms.size() >= options.getMaxRoomsPerClient()) {
      error(client, ErrorCode.TOO_MANY_ROOMS, "you are in " + client.rooms.size()
          + " rooms, the most allowed: leave one first");
      return;
    } else {
      enter(client, roomName);
    }
    out.toClient(client, ServerFrames.joined(roomName, rooms.get(roomName).size()));
  }

  private void leave(Client client, String roomName) {
    String name = roomName != null ? roomName : client.current;
    if (name == null || !client.rooms.contains(name)) {
      error(client, ErrorCode.NOT_IN_ROOM, name == null
          ? "you are in no room" : "you are not in room \"" + name + "\"");
      return;
    }
    exit(client, name);
    out.toClient(client, ServerFrames.left(name));
  }

  private void who(Client client, String roomName) {
    String name = roomName != null ? roomName : client.current;
    if (name == null) {
      error(client, ErrorCode.NOT_IN_ROOM, "you are in no room: name one");
      return;
    }
    Room room = rooms.get(name);
    out.toClient(client, ServerFrames.who(name, room == null ? List.of() : room.nicks()));
  }

  private void listRooms(Client client) {
    Map<String, Integer> sorted = new TreeMap<>();
    rooms.forEach((name, room) -> sorted.put(name, room.size()));
    out.toClient(client, ServerFrames.rooms(sorted));
  }

  /** Puts the client in a room: the others hear of it first, then the gateway adds the member. */
  private void enter(Client client, String roomName) {
    Room room = rooms.computeIfAbsent(roomName, Room::new);
    if (announces(room.size() + 1)) {
      out.toRoom(room, ServerFrames.presence(roomName, client.nick, "join"));
    }
    room.add(client);
    client.enter(roomName);
    out.joined(client, roomName);
  }

  /** Takes the client out of a room; the remaining members hear of it. */
  private void exit(Client client, String roomName) {
    Room room = rooms.get(roomName);
    int before = room.size();
    room.remove(client);
    client.exit(roomName);
    out.left(client, roomName);
    if (room.size() == 0) {
      rooms.remove(roomName);
    } else if (announces(before)) {
      out.toRoom(room, ServerFrames.presence(roomName, client.nick, "leave"));
    }
  }

  /** Forgets a client that quit or is gone: one presence {@code leave} per room it held. */
  private void remove(Client client) {
    clients.remove(client.endpoint.id());
    nicks.remove(key(client.nick));
    for (String roomName : client.rooms.toArray(new String[0])) {
      exit(client, roomName);
    }
  }

  private boolean announces(int roomSize) {
    return roomSize <= options.getPresenceMaxMembers();
  }

  private boolean textRefused(Client client, String text) {
    if (text.isEmpty()) {
      error(client, ErrorCode.BAD_REQUEST, "text must not be empty");
      return true;
    }
    int max = options.getMaxTextBytes();
    if ((long) text.length() * 3 > max && ByteBufUtil.utf8Bytes(text) > max) {
      error(client, ErrorCode.BAD_REQUEST, "text is longer than " + max + " bytes");
      return true;
    }
    return false;
  }

  private void error(Client client, ErrorCode code, String message) {
    out.toClient(client, ServerFrames.error(code, message));
  }

  private String guestNick() {
    String nick;
    do {
      nick = "guest-" + (++guests);
    } while (nicks.containsKey(key(nick)));
    return nick;
  }

  private static String key(String nick) {
    return nick.toLowerCase(Locale.ROOT);
  }
}
