package io.framechat.chat;

import io.framechat.bus.Inbound;
import io.framechat.config.ChatOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.MessageBodies;
import io.framechat.protocol.Names;
import io.framechat.protocol.ParseError;
import io.framechat.protocol.Parsed;
import io.framechat.protocol.Resume;
import io.framechat.protocol.ServerFrames;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The chat: nicks, rooms, membership and what each command makes the server send. Single-threaded
 * (the broadcast verticle's event loop) and free of I/O: effects go to the {@link Outbox}, and to
 * the other nodes of a cluster through {@link Peers}. A request that must wait for the cluster (a
 * nick claim) holds the client's later requests back, so replies keep the order of requests.
 */
final class ChatHub implements PeerEvents {

  /** Guest nicks start with this; chosen nicks may not. */
  static final String GUEST_PREFIX = "guest-";

  private final Supplier<ChatOptions> config;
  private final ChatMetrics metrics;
  private final Outbox out;
  private final Peers peers;
  private final LongSupplier clock;
  private final String idPrefix;
  private final String guestPrefix;
  private final Runnable asyncDone;
  private final Map<Long, Client> clients = new HashMap<>();
  /** Nicks are unique ignoring case: the key is the lower-cased nick. */
  private final Map<String, Client> nicks = new HashMap<>();
  private final Map<String, Room> rooms = new HashMap<>();
  private final RoomHistory history;
  private final Replays replays;
  private long guests;
  private long messages;

  /**
   * @param nodeTag short and unique per node; in a cluster it goes into guest nicks and message ids
   * @param asyncDone called after a request that waited for the cluster completed (to flush)
   */
  /** @param config the chat options in force (read at each use, so a reload applies at once) */
  ChatHub(Supplier<ChatOptions> config, Outbox out, Peers peers, ChatMetrics metrics, LongSupplier clock,
      String nodeTag, Runnable asyncDone) {
    this.config = config;
    this.metrics = metrics;
    this.out = out;
    this.peers = peers;
    this.clock = clock;
    this.idPrefix = nodeTag + "-";
    this.guestPrefix = peers.clustered() ? GUEST_PREFIX + nodeTag + "-" : GUEST_PREFIX;
    this.asyncDone = asyncDone;
    this.history = new RoomHistory(config, !peers.clustered());
    this.replays = new Replays(history, out, config, metrics, clock);
  }

  int clientCount() {
    return clients.size();
  }

  int roomCount() {
    return rooms.size();
  }

  /** Drops expired history; rooms with no history left and no members are forgotten. */
  void expireHistory() {
    history.expire(clock.getAsLong(), rooms::containsKey);
    peers.expireHistory(rooms::containsKey);
  }

  void handle(Inbound item) {
    if (item instanceof Inbound.Connected connected) {
      connect(connected);
    } else if (item instanceof Inbound.Received received) {
      Client client = clients.get(received.endpoint().id());
      if (client == null) {
        return;
      }
      if (client.busy) {
        client.waiting.add(received.parsed());
      } else {
        run(client, received.parsed());
      }
    } else if (item instanceof Inbound.Disconnected disconnected) {
      Client client = clients.get(disconnected.endpoint().id());
      if (client != null) {
        remove(client);
      }
    }
  }

  // ---- from other nodes (cluster) ----

  @Override
  public void changed() {
    asyncDone.run();
  }

  @Override
  public void remoteFrames(String roomName, FrameBatch frames) {
    Room room = rooms.get(roomName);
    if (room != null) {
      out.toRoom(room, frames);
    }
  }

  @Override
  public void stamped(String roomName, String epoch, long firstSeq, FrameBatch frames) {
    long now = clock.getAsLong();
    List<Buffer> fresh = null;
    for (int i = 0; i < frames.count(); i++) {
      boolean isNew = history.keep(roomName, epoch, firstSeq + i, now, frames.body(i).copy());
      if (!isNew && fresh == null) {
        fresh = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          fresh.add(frames.body(j));
        }
      } else if (isNew && fresh != null) {
        fresh.add(frames.body(i));
      }
    }
    Room room = rooms.get(roomName);
    if (room != null && fresh == null) {
      out.toRoom(room, frames);
    } else if (room != null && !fresh.isEmpty()) {
      // some were here already (sent on again by a new sequencer): the members get the others only
      out.toRoom(room, out.encode(fresh));
    }
  }

  @Override
  public void remoteToClient(long clientId, FrameBatch frames) {
    Client client = clients.get(clientId);
    if (client != null) {
      out.toClient(client, frames);
    }
  }

  /** The dead node cannot tell its rooms' members here that its clients are gone: this node does. */
  @Override
  public void remoteGone(String roomName, String nick, int sizeBefore) {
    Room room = rooms.get(roomName);
    if (room != null && announces(sizeBefore)) {
      out.toLocalRoom(room, ServerFrames.presence(roomName, nick, "leave"));
    }
  }

  // ---- local clients ----

  private void connect(Inbound.Connected connected) {
    Client client = new Client(connected.endpoint(), guestNick());
    clients.put(client.endpoint.id(), client);
    nicks.put(key(client.nick), client);
    peers.connected(client.endpoint.id(), client.nick);
    String lobby = config.get().getDefaultRoom();
    if (!history.known(lobby)) {
      afterLoading(client, lobby, () -> welcome(client, lobby));
    } else {
      welcome(client, lobby);
    }
  }

  private void welcome(Client client, String lobby) {
    RoomHistory.Position at = history.position(lobby);
    out.toClient(client, ServerFrames.welcome(client.nick, lobby, at.seq(), at.epoch()));
    enter(client, lobby);
  }

  private void run(Client client, Parsed parsed) {
    if (parsed instanceof ParseError refused) {
      error(client, refused.code(), refused.message());
    } else {
      dispatch(client, (Command) parsed);
    }
  }

  /** Runs the requests that waited while the client was busy, until it is busy again. */
  private void resume(Client client) {
    while (!client.busy && !client.waiting.isEmpty() && clients.containsKey(client.endpoint.id())) {
      run(client, client.waiting.poll());
    }
  }

  private void dispatch(Client client, Command command) {
    if (command instanceof Command.Say say) {
      say(client, say);
    } else if (command instanceof Command.Hello hello) {
      hello(client, hello);
    } else if (command instanceof Command.Join join) {
      join(client, join.room(), join.resume());
    } else if (command instanceof Command.History request) {
      history(client, request);
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
    } else if (command instanceof Command.Pong) {
      // the answer to a keepalive ping: its arrival was all that counted
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
    metrics.messageSaid();
    long ts = clock.getAsLong();
    if (peers.clustered()) {
      Buffer body = MessageBodies.message(id, room.name, client.nick, say.text(), ts);
      peers.sequence(room.name, id, body).onFailure(e -> {
        if (clients.containsKey(client.endpoint.id())) {
          error(client, ErrorCode.UNAVAILABLE, "the message could not be sent: try again");
          asyncDone.run();
        }
      });
      return;
    }
    RoomHistory.Position next = history.next(room.name);
    Buffer stamped = MessageBodies.message(id, room.name, client.nick, say.text(), ts, next.seq(), next.epoch());
    history.keep(room.name, next.epoch(), next.seq(), ts, stamped);
    out.toRoom(room, stamped);
  }

  private void whisper(Client client, Command.Whisper whisper) {
    if (textRefused(client, whisper.text())) {
      return;
    }
    Client target = nicks.get(key(whisper.to()));
    Peers.RemoteClient remote = target == null ? peers.find(key(whisper.to())) : null;
    if (target == null && remote == null) {
      error(client, ErrorCode.NO_SUCH_NICK, "nobody is called \"" + whisper.to() + "\"");
      return;
    }
    String to = target != null ? target.nick : remote.nick();
    FrameBatch frames = out.encode(ServerFrames.whisper(client.nick, to, whisper.text(), clock.getAsLong()));
    if (target != null) {
      out.toClient(target, frames);
    } else {
      peers.toClient(remote, frames);
    }
    if (target != client) {
      out.toClient(client, frames);
    }
  }

  /** Takes the nick, if one is given, then rejoins the rooms to resume, in order, before later requests. */
  private void hello(Client client, Command.Hello hello) {
    List<Command.Join> joins = new ArrayList<>();
    hello.resume().forEach((room, from) -> joins.add(new Command.Join(room, from)));
    for (int i = joins.size() - 1; i >= 0; i--) {
      client.waiting.addFirst(joins.get(i));
    }
    if (hello.nick() != null) {
      rename(client, hello.nick());
    }
    resume(client);
  }

  private void rename(Client client, String nick) {
    String problem = Names.nickProblem(nick, config.get().getMaxNickLength());
    if (problem == null && key(nick).startsWith(GUEST_PREFIX) && !key(nick).equals(key(client.nick))) {
      problem = "nicks starting with \"" + GUEST_PREFIX + "\" are given by the server";
    }
    if (problem == null && config.get().reserved(nick)) {
      problem = "nick \"" + nick + "\" is reserved";
    }
    if (problem != null) {
      error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    Client owner = nicks.get(key(nick));
    if ((owner != null && owner != client) || peers.find(key(nick)) != null) {
      error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      return;
    }
    if (owner == client) {
      applyRename(client, nick);
      return;
    }
    client.busy = true;
    peers.claim(key(nick), client.endpoint.id()).onComplete(claim -> {
      client.busy = false;
      boolean claimed = claim.succeeded() && claim.result();
      if (!clients.containsKey(client.endpoint.id())) {
        if (claimed) {
          peers.release(key(nick), client.endpoint.id());
        }
        return;
      }
      if (claim.failed()) {
        error(client, ErrorCode.UNAVAILABLE, "the nick could not be checked: try again");
      } else if (!claimed) {
        error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      } else {
        applyRename(client, nick);
      }
      resume(client);
      asyncDone.run();
    });
  }

  private void applyRename(Client client, String nick) {
    String old = client.nick;
    out.toClient(client, ServerFrames.nick(nick));
    if (old.equals(nick)) {
      return;
    }
    if (!key(old).equals(key(nick))) {
      nicks.remove(key(old));
      nicks.put(key(nick), client);
      if (client.chosenNick) {
        peers.release(key(old), client.endpoint.id());
      }
    }
    client.nick = nick;
    client.chosenNick = true;
    peers.renamed(client.endpoint.id(), nick);
    for (String roomName : client.rooms) {
      Room room = rooms.get(roomName);
      if (announces(size(room))) {
        out.toRoom(room, ServerFrames.renamed(roomName, nick, old));
      }
    }
  }

  /**
   * Joins a room, or makes a held one current. The reply gives the room's seq; then come the
   * latest messages as history, or, resuming, those after the client's seq up to the one it
   * entered at.
   */
  private void join(Client client, String roomName, Resume resume) {
    String problem = Names.roomProblem(roomName, config.get().getMaxRoomNameLength());
    if (problem != null) {
      error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    boolean held = client.rooms.contains(roomName);
    if (!held && !history.known(roomName) && client.rooms.size() < config.get().getMaxRoomsPerClient()) {
      afterLoading(client, roomName, () -> join(client, roomName, resume));
      return;
    }
    if (held) {
      client.enter(roomName);
    } else if (client.rooms.size() >= config.get().getMaxRoomsPerClient()) {
      error(client, ErrorCode.TOO_MANY_ROOMS, "you are in " + client.rooms.size()
          + " rooms, the most allowed: leave one first");
      return;
    } else {
      enter(client, roomName);
    }
    RoomHistory.Position at = history.position(roomName);
    out.toClient(client, ServerFrames.joined(roomName, size(rooms.get(roomName)), at.seq(), at.epoch()));
    if (!held) {
      replays.joined(client, roomName, resume, client.enteredAt.get(roomName));
    } else if (resume != null) {
      replays.since(client, roomName, resume, client.enteredAt.get(roomName));
    }
  }

  /**
   * Loads what the cluster's shared history holds for a room this node does not follow yet, then
   * goes on; the client's later requests wait meanwhile.
   */
  private void afterLoading(Client client, String roomName, Runnable then) {
    client.busy = true;
    peers.history(roomName).onComplete(loaded -> {
      client.busy = false;
      if (!history.known(roomName)) {
        history.load(roomName, loaded.succeeded() ? loaded.result() : HistorySlice.EMPTY, clock.getAsLong());
      }
      if (clients.containsKey(client.endpoint.id())) {
        then.run();
        resume(client);
      }
      asyncDone.run();
    });
  }

  /** Replays a held room's messages after a seq, or its latest ones. */
  private void history(Client client, Command.History request) {
    String name = request.room() != null ? request.room() : client.current;
    if (name == null || !client.rooms.contains(name)) {
      error(client, ErrorCode.NOT_IN_ROOM, name == null
          ? "you are in no room: name one" : "you are not in room \"" + name + "\"");
      return;
    }
    if (request.since() != null) {
      replays.since(client, name, request.since(), request.until());
    } else {
      int limit = request.limit() != null ? request.limit() : config.get().getReplayOnJoin();
      replays.latest(client, name, Math.min(limit, config.get().getHistorySize()), true);
    }
  }

  private void leave(Client client, String roomName) {
    String name = roomName != null ? roomName : client.current;
    if (name == null || !client.rooms.contains(name)) {
      error(client, ErrorCode.NOT_IN_ROOM, name == null
          ? "you are in no room" : "you are not in room \"" + name + "\"");
      return;
    }
    exit(client, name, true);
    out.toClient(client, ServerFrames.left(name));
  }

  private void who(Client client, String roomName) {
    String name = roomName != null ? roomName : client.current;
    if (name == null) {
      error(client, ErrorCode.NOT_IN_ROOM, "you are in no room: name one");
      return;
    }
    Room room = rooms.get(name);
    List<String> names = room == null ? new ArrayList<>() : room.nicks();
    peers.nicks(name, names);
    out.toClient(client, ServerFrames.who(name, names));
  }

  private void listRooms(Client client) {
    Map<String, Integer> sorted = new TreeMap<>();
    peers.roomCounts(sorted);
    rooms.forEach((name, room) -> sorted.merge(name, room.size(), Integer::sum));
    out.toClient(client, ServerFrames.rooms(sorted));
  }

  /** Puts the client in a room: the others hear of it first, then the gateway adds the member. */
  private void enter(Client client, String roomName) {
    Room room = rooms.computeIfAbsent(roomName, Room::new);
    if (announces(size(room) + 1)) {
      out.toRoom(room, ServerFrames.presence(roomName, client.nick, "join"));
    }
    room.add(client);
    client.enter(roomName);
    client.enteredAt.put(roomName, history.position(roomName).seq());
    out.joined(client, roomName);
    peers.joined(client.endpoint.id(), roomName);
  }

  /** Takes the client out of a room; the remaining members (on every node) hear of it. */
  private void exit(Client client, String roomName, boolean tellPeers) {
    Room room = rooms.get(roomName);
    int before = size(room);
    room.remove(client);
    client.exit(roomName);
    out.left(client, roomName);
    if (tellPeers) {
      peers.left(client.endpoint.id(), roomName);
    }
    if (announces(before) && before > 1) {
      out.toRoom(room, ServerFrames.presence(roomName, client.nick, "leave"));
    }
    if (room.size() == 0) {
      rooms.remove(roomName);
    }
  }

  /** Forgets a client that quit or is gone: one presence {@code leave} per room it held. */
  private void remove(Client client) {
    clients.remove(client.endpoint.id());
    nicks.remove(key(client.nick));
    if (client.chosenNick) {
      peers.release(key(client.nick), client.endpoint.id());
    }
    for (String roomName : client.rooms.toArray(new String[0])) {
      exit(client, roomName, false);
    }
    peers.gone(client.endpoint.id());
    client.waiting.clear();
  }

  /** Members of the room on every node. */
  private int size(Room room) {
    return room.size() + peers.members(room.name);
  }

  private boolean announces(int roomSize) {
    return roomSize <= config.get().getPresenceMaxMembers();
  }

  private boolean textRefused(Client client, String text) {
    if (text.isEmpty()) {
      error(client, ErrorCode.BAD_REQUEST, "text must not be empty");
      return true;
    }
    int max = config.get().getMaxTextBytes();
    if ((long) text.length() * 3 > max && ByteBufUtil.utf8Bytes(text) > max) {
      error(client, ErrorCode.BAD_REQUEST, "text is longer than " + max + " bytes");
      return true;
    }
    return false;
  }

  private void error(Client client, ErrorCode code, String message) {
    metrics.error(code);
    out.toClient(client, ServerFrames.error(code, message));
  }

  private String guestNick() {
    String nick;
    do {
      nick = guestPrefix + (++guests);
    } while (nicks.containsKey(key(nick)));
    return nick;
  }

  static String key(String nick) {
    return nick.toLowerCase(Locale.ROOT);
  }
}
