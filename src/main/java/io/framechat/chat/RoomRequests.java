package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.Names;
import io.framechat.protocol.Resume;
import io.framechat.protocol.ServerFrames;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** The requests about rooms: join (and resume), history, leave, who, and the list of rooms. */
final class RoomRequests {

  /** A page of rooms looks at most this many times {@code chat.listPageMax} rooms (those the client may not see are skipped). */
  private static final int SCAN_PER_PAGE = 4;

  private final Supplier<ChatOptions> config;
  private final RoomHistory history;
  private final Replays replays;
  private final HistoryLoader loader;
  private final ToIntFunction<Client> replyBytes;
  /**
   * The last page of rooms made for a client that may read every room, shared with the next such
   * request for the same page while no room's count changed: a flood of identical listings costs one.
   */
  private ListingKey lastKey;
  private FrameBatch lastPage;
  private final Outbox out;
  private final Rooms rooms;
  private final Access access;
  private final Replies errors;
  private final Reading reading;
  private final Peers peers;

  /** @param replyBytes the largest reply a client's transport takes in one piece (a datagram, a frame) */
  RoomRequests(Supplier<ChatOptions> config, Outbox out, Rooms rooms, RoomHistory history, Replays replays,
      HistoryLoader loader, Access access, ToIntFunction<Client> replyBytes, Replies errors, Reading reading,
      Peers peers) {
    this.reading = reading;
    this.peers = peers;
    this.config = config;
    this.out = out;
    this.rooms = rooms;
    this.history = history;
    this.replays = replays;
    this.loader = loader;
    this.access = access;
    this.replyBytes = replyBytes;
    this.errors = errors;
  }

  /**
   * Every room the client may read, with its member count, a page at a time: at most
   * {@code chat.listPageMax} rooms a page, read in order from where the cursor points, so a page
   * costs what it holds whatever the number of rooms.
   */
  void list(Client client, Command.Rooms list) {
    int max = config.get().listPageMax();
    int limit = list.limit() == null ? max : Math.min(list.limit(), max);
    int budget = replyBytes.applyAsInt(client);
    boolean shared = access.readsAll(client);
    ListingKey key = new ListingKey(list.cursor(), limit, budget, rooms.listingVersion());
    if (shared && key.equals(lastKey)) {
      out.toClient(client, lastPage);
      return;
    }
    Pages.Page<Map<String, Integer>> page = Pages.rooms(rooms.listAfter(list.cursor()),
        room -> access.mayRead(client, room), limit, SCAN_PER_PAGE * max, budget);
    FrameBatch encoded = out.encode(ServerFrames.rooms(page.entries(), page.next()));
    if (shared) {
      lastKey = key;
      lastPage = encoded;
    }
    out.toClient(client, encoded);
  }

  /** What a page of rooms depends on: where it starts, its size, and the rooms as they stand. */
  private record ListingKey(String cursor, int limit, int budget, long version) {
  }

  /**
   * Why a client joins or leaves: it asked; it is another session of a person whose session here
   * asked; or a session of its person on another node did (told after the fact).
   */
  private enum Cause { ASKED, SIBLING, REMOTE }

  /**
   * Joins a room, or makes a held one current. The reply gives the room's seq; then come the
   * latest messages as history, or, resuming, those after the client's seq up to the one it
   * entered at. A person's other sessions join it too, here and on other nodes.
   */
  void join(Client client, String roomName, Resume resume) {
    join(client, roomName, resume, Cause.ASKED);
  }

  /** A session of the client's person on another node joined the room: so does this session. */
  void followJoin(Client client, String roomName) {
    if (!client.rooms.contains(roomName)) {
      join(client, roomName, null, Cause.REMOTE);
    }
  }

  private void join(Client client, String roomName, Resume resume, Cause cause) {
    ChatOptions chat = config.get();
    String problem = Names.roomProblem(roomName, chat.maxRoomNameLength());
    if (problem != null) {
      errors.error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    if (!access.mayRead(client, roomName)) {
      errors.error(client, ErrorCode.FORBIDDEN, "you may not join room \"" + roomName + "\"");
      return;
    }
    boolean held = client.rooms.contains(roomName);
    if (!held && client.rooms.size() >= chat.maxRoomsPerClient()) {
      errors.error(client, ErrorCode.TOO_MANY_ROOMS, "you are in " + client.rooms.size()
          + " rooms, the most allowed: leave one first");
      return;
    }
    loader.whenKnown(client, roomName, held ? null : resume, () -> {
      // held again: a session of the client's person may have brought it in while its resume waited
      boolean holds = client.rooms.contains(roomName);
      if (!holds && resume != null && replays.needsStore(roomName, resume)) {
        // what the resume needs from the store is read before the client enters: nothing live comes first
        replays.readFirst(client, roomName, resume, stored -> enter(client, roomName, false, resume, stored, cause));
      } else {
        enter(client, roomName, holds, resume, null, cause);
      }
    }, () -> { });
  }

  /** Enters (or makes current) a room taken up here: {@code joined}, then the replay. */
  private void enter(Client client, String roomName, boolean held, Resume resume, MessageStore.Page stored,
      Cause cause) {
    if (held) {
      client.makeCurrent(roomName);
    } else {
      rooms.enter(client, roomName, cause == Cause.REMOTE);
    }
    Position at = history.position(roomName);
    out.toClient(client, reading.annotate(client, roomName,
        ServerFrames.joined(roomName, rooms.people(rooms.get(roomName)), at.seq(), at.epoch())));
    if (!held) {
      replays.joined(client, roomName, resume, client.rooms.enteredAt(roomName), stored);
    } else if (resume != null) {
      replays.since(client, roomName, resume, client.rooms.enteredAt(roomName));
    }
    if (!held && cause == Cause.ASKED && client.person != null) {
      for (Client sibling : List.copyOf(client.person.sessions)) {
        if (sibling != client && !sibling.rooms.contains(roomName)) {
          join(sibling, roomName, null, Cause.SIBLING);
        }
      }
      peers.toPerson(Nicks.keys(client.nick), new Peers.PersonEvent(Peers.PersonEvent.Kind.JOIN, client.nick,
          roomName, 0, null));
    }
  }

  /** Replays a held room's messages after a seq, or its latest ones. */
  void history(Client client, Command.History request) {
    String name = request.room() != null ? request.room() : client.current;
    if (name == null || !client.rooms.contains(name)) {
      errors.error(client, ErrorCode.NOT_IN_ROOM, name == null
          ? "you are in no room: name one" : "you are not in room \"" + name + "\"");
      return;
    }
    if (request.before() != null) {
      ChatOptions chat = config.get();
      replays.before(client, name, request.before(), request.limit() == null ? chat.historyPageMax() : request.limit());
    } else if (request.since() != null) {
      replays.since(client, name, request.since(), request.until());
    } else {
      ChatOptions chat = config.get();
      int limit = request.limit() != null ? request.limit() : chat.replayOnJoin();
      replays.latest(client, name, Math.min(limit, chat.historySize()), true);
    }
  }

  /** Leaves a room; a person's other sessions leave it too, here and on other nodes. */
  void leave(Client client, String roomName) {
    String name = roomName != null ? roomName : client.current;
    if (name == null || !client.rooms.contains(name)) {
      errors.error(client, ErrorCode.NOT_IN_ROOM, name == null
          ? "you are in no room" : "you are not in room \"" + name + "\"");
      return;
    }
    rooms.exit(client, name);
    out.toClient(client, ServerFrames.left(name));
    if (client.person != null) {
      for (Client sibling : List.copyOf(client.person.sessions)) {
        if (sibling != client && sibling.rooms.contains(name)) {
          rooms.exit(sibling, name);
          out.toClient(sibling, ServerFrames.left(name));
        }
      }
      peers.toPerson(Nicks.keys(client.nick), new Peers.PersonEvent(Peers.PersonEvent.Kind.LEAVE, client.nick,
          name, 0, null));
    }
  }

  /** A session of the client's person on node {@code origin} left the room: so does this session. */
  void followLeave(Client client, String roomName, String origin) {
    if (client.rooms.contains(roomName)) {
      rooms.follow(client, roomName, origin);
      out.toClient(client, ServerFrames.left(roomName));
    }
  }

  void who(Client client, Command.Who who) {
    String name = who.room() != null ? who.room() : client.current;
    if (name == null) {
      errors.error(client, ErrorCode.NOT_IN_ROOM, "you are in no room: name one");
      return;
    }
    if (!access.mayRead(client, name)) {
      errors.error(client, ErrorCode.FORBIDDEN, "you may not see who is in room \"" + name + "\"");
      return;
    }
    try {
      int max = config.get().listPageMax();
      Pages.Page<List<String>> page = Pages.nicks(rooms.who(name), who.limit() == null ? max : Math.min(who.limit(), max),
          who.cursor(),
          replyBytes.applyAsInt(client));
      out.toClient(client, ServerFrames.who(name, page.entries(), page.next()));
    } catch (Pages.BadPage e) {
      errors.error(client, ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }
}
