package io.framechat.chat;

import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.json.JsonObject;

/**
 * Read positions (authentication on): the {@code read} request, which moves a person's position in
 * a room forward, keeps it ({@link ReadPositions}) and tells the person's other sessions, here and
 * on other nodes; and the {@code read} and {@code latest} that {@code joined} and {@code recovered}
 * carry, so a client shows what is unread at once.
 */
final class Reading {

  private final People people;
  private final RoomHistory history;
  private final Outbox out;
  private final Peers peers;
  private final Access access;
  private final Replies replies;

  Reading(People people, RoomHistory history, Outbox out, Peers peers, Access access, Replies replies) {
    this.people = people;
    this.history = history;
    this.out = out;
    this.peers = peers;
    this.access = access;
    this.replies = replies;
  }

  /** The frame, with the person's position in the room and the room's latest seq when the client is a person's session. */
  JsonObject annotate(Client client, String room, JsonObject frame) {
    if (client.person == null) {
      return frame;
    }
    Position at = history.position(room);
    return ServerFrames.withReading(frame, client.person.readSeq(room, at.epoch()), at.seq());
  }

  /** {@code read}: a position past the room's latest seq counts as the latest; one not past the person's changes nothing. */
  void read(Client client, Command.Read read) {
    if (access.open() || client.person == null) {
      replies.error(client, ErrorCode.AUTH_REQUIRED, "read positions are kept for people who log in (auth.mode jwt)");
      return;
    }
    String room = read.room() != null ? read.room() : client.current;
    if (room == null || !client.rooms.contains(room)) {
      replies.error(client, ErrorCode.NOT_IN_ROOM, room == null
          ? "you are in no room: name one" : "you are not in room \"" + room + "\"");
      return;
    }
    Position at = history.position(room);
    ReadPositions.Mark mark = new ReadPositions.Mark(at.epoch(), Math.min(read.seq(), at.seq()));
    if (moved(client.person, room, mark, client)) {
      peers.toPerson(Nicks.keys(client.nick),
          new Peers.PersonEvent(Peers.PersonEvent.Kind.READ, client.nick, room, mark.seq(), mark.epoch()));
    }
  }

  /** A session of the person on another node read a room. */
  void remote(Person person, String room, ReadPositions.Mark mark) {
    moved(person, room, mark, null);
  }

  /** Moves the position, keeps it and tells the person's sessions here but {@code from}; false when it did not move. */
  private boolean moved(Person person, String room, ReadPositions.Mark mark, Client from) {
    if (!person.advance(room, mark)) {
      return false;
    }
    people.reads().advance(person.subject, room, mark);
    JsonObject frame = ServerFrames.read(room, mark.seq());
    for (Client session : person.sessions) {
      if (session != from) {
        out.toClient(session, frame);
      }
    }
    return true;
  }
}
