package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.Names;
import io.framechat.protocol.RoomMessage;
import io.framechat.protocol.ServerFrames;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What people say: {@code say} to a room (numbered by the {@link Sequencer}, then kept and fanned
 * out) and {@code whisper} to one person, here or on another node; and the rules their text follows.
 */
final class Messages {

  private final Supplier<ChatOptions> config;
  private final ChatMetrics metrics;
  private final LongSupplier clock;
  private final Outbox out;
  private final Rooms rooms;
  private final Nicks nicks;
  private final RoomHistory history;
  private final Sequencer sequencer;
  private final Peers peers;
  private final Access access;
  private final Replies replies;
  private final Predicate<Client> connected;
  private final String idPrefix;
  private long said;

  Messages(Supplier<ChatOptions> config, ChatMetrics metrics, LongSupplier clock, Outbox out, Rooms rooms, Nicks nicks,
      RoomHistory history, Sequencer sequencer, Peers peers, Access access, Replies replies,
      Predicate<Client> connected, String idPrefix) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.out = out;
    this.rooms = rooms;
    this.nicks = nicks;
    this.history = history;
    this.sequencer = sequencer;
    this.peers = peers;
    this.access = access;
    this.replies = replies;
    this.connected = connected;
    this.idPrefix = idPrefix;
  }

  void say(Client client, Command.Say say) {
    String roomName = say.room() != null ? say.room() : client.current;
    Room room = roomName == null ? null : rooms.get(roomName);
    if (room == null || !room.contains(client)) {
      replies.error(client, ErrorCode.NOT_IN_ROOM, roomName == null
          ? "you are in no room: /join one first" : "you are not in room \"" + roomName + "\"");
      return;
    }
    if (!access.mayWrite(client, room.name)) {
      replies.error(client, ErrorCode.FORBIDDEN, "you may not say anything in room \"" + room.name + "\"");
      return;
    }
    if (textRefused(client, say.text())) {
      return;
    }
    metrics.messageSaid();
    RoomMessage message = new RoomMessage(idPrefix + Long.toString(++said, 36), room.name, client.nick, say.text(),
        clock.getAsLong());
    sequencer.sequence(message, history.position(room.name)).onFailure(e -> {
      if (connected.test(client)) {
        if (e instanceof Sequencer.Busy) {
          replies.error(client, ErrorCode.BUSY, "room \"" + room.name + "\" is busy: try again");
        } else {
          replies.error(client, ErrorCode.UNAVAILABLE, "the message could not be sent: try again");
        }
      }
    });
  }

  /**
   * A whisper reaches every session of the person named, here and on other nodes, and shows as sent
   * on every session of the sender's person.
   */
  void whisper(Client client, Command.Whisper whisper) {
    if (textRefused(client, whisper.text())) {
      return;
    }
    Client target = nicks.local(whisper.to());
    List<Peers.RemoteClient> remote = target == null || target.person != null
        ? peers.sessions(Nicks.keys(whisper.to())) : List.of();
    if (target == null && remote.isEmpty()) {
      replies.error(client, ErrorCode.NO_SUCH_NICK, "nobody is called \"" + whisper.to() + "\"");
      return;
    }
    String to = target != null ? target.nick : remote.get(0).nick();
    FrameBatch frames = out.encode(ServerFrames.whisper(client.nick, to, whisper.text(), clock.getAsLong()));
    List<Client> told = target == null ? List.of() : sessionsOf(target);
    told.forEach(session -> out.toClient(session, frames));
    remote.forEach(session -> peers.toClient(session, frames));
    for (Client session : sessionsOf(client)) {
      if (!told.contains(session)) {
        out.toClient(session, frames);
      }
    }
    if (client.person != null && (target == null || target.person != client.person)) {
      for (Peers.RemoteClient session : peers.sessions(Nicks.keys(client.nick))) {
        if (!remote.contains(session)) {
          peers.toClient(session, frames);
        }
      }
    }
  }

  /** The client's person's sessions here, or the client alone (open mode). */
  private static List<Client> sessionsOf(Client client) {
    return client.person == null ? List.of(client) : client.person.sessions;
  }

  private boolean textRefused(Client client, String text) {
    if (text.isEmpty()) {
      replies.error(client, ErrorCode.BAD_REQUEST, "text must not be empty");
      return true;
    }
    if (!Names.printableText(text)) {
      replies.error(client, ErrorCode.BAD_REQUEST, "text may not hold control characters (but tab and line feed)");
      return true;
    }
    int max = config.get().maxTextBytes();
    if ((long) text.length() * 3 > max && text.getBytes(StandardCharsets.UTF_8).length > max) {
      replies.error(client, ErrorCode.BAD_REQUEST, "text is longer than " + max + " bytes");
      return true;
    }
    return false;
  }
}
