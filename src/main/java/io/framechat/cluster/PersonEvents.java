package io.framechat.cluster;

import io.framechat.chat.Peers.PersonEvent;
import io.vertx.core.buffer.Buffer;

/**
 * The direct message {@link ClusterLink#PERSON}: what a session of a person did on one node
 * (joined, left or read a room), for its sessions on another to follow. Fields: the sending node,
 * the kind (one byte; a kind this node does not know is skipped), the nick, the room, the seq and
 * the epoch (empty when none).
 */
final class PersonEvents {

  /** The kinds as sent: stable, whatever the order of the enum. */
  private static final byte JOIN = 1;
  private static final byte LEAVE = 2;
  private static final byte READ = 3;

  private PersonEvents() {
  }

  static Buffer encode(String node, PersonEvent event) {
    Buffer message = ClusterLink.direct(ClusterLink.PERSON);
    Wire.writeString(message, node);
    message.appendByte(code(event.kind()));
    Wire.writeString(message, event.nick());
    Wire.writeString(message, event.room());
    message.appendLong(event.seq());
    Wire.writeString(message, event.epoch() == null ? "" : event.epoch());
    return message;
  }

  /** The sending node and the event, or null for a kind this node does not know. */
  static Decoded decode(Wire.Cursor in) {
    String node = in.readString();
    int kind = in.readByte();
    String nick = in.readString();
    String room = in.readString();
    long seq = in.readLong();
    String epoch = in.readString();
    PersonEvent.Kind known = switch (kind) {
      case JOIN -> PersonEvent.Kind.JOIN;
      case LEAVE -> PersonEvent.Kind.LEAVE;
      case READ -> PersonEvent.Kind.READ;
      default -> null;
    };
    return known == null ? null : new Decoded(node, new PersonEvent(known, nick, room, seq,
        epoch.isEmpty() ? null : epoch));
  }

  private static byte code(PersonEvent.Kind kind) {
    return switch (kind) {
      case JOIN -> JOIN;
      case LEAVE -> LEAVE;
      case READ -> READ;
    };
  }

  /** A message as read: who sent it, and what happened. */
  record Decoded(String node, PersonEvent event) {
  }
}
