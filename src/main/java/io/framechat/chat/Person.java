package io.framechat.chat;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One logged-in person as this node holds it (authentication on): the token's subject, the nick
 * it chats under, its sessions here (connections on any transport), and how far it has read each
 * room. Its sessions share its rooms; the person is in a room while any of its sessions, on any
 * node, is.
 */
final class Person {

  final String subject;
  final String nick;
  /** The sessions on this node, oldest first. */
  final List<Client> sessions = new ArrayList<>(2);
  /** Completes once the read positions are loaded; sessions log in after it. */
  final Future<Void> loaded;
  private final Map<String, ReadPositions.Mark> read = new HashMap<>();

  Person(String subject, String nick, Future<Map<String, ReadPositions.Mark>> positions) {
    this.subject = subject;
    this.nick = nick;
    this.loaded = positions.map(kept -> {
      kept.forEach(read::putIfAbsent);
      return null;
    });
  }

  /** Another session here than {@code except}, or null. */
  Client sibling(Client except) {
    for (Client session : sessions) {
      if (session != except) {
        return session;
      }
    }
    return null;
  }

  /** Whether a session here other than {@code except} holds the room. */
  boolean inRoom(String room, Client except) {
    for (Client session : sessions) {
      if (session != except && session.rooms.contains(room)) {
        return true;
      }
    }
    return false;
  }

  /** What the person has read of a room under {@code epoch}: 0 when nothing, or when it was under another epoch. */
  long readSeq(String room, String epoch) {
    ReadPositions.Mark mark = read.get(room);
    return mark != null && Objects.equals(mark.epoch(), epoch) ? mark.seq() : 0;
  }

  /** Moves the position forward; false when {@code mark} is not past it (positions never move back). */
  boolean advance(String room, ReadPositions.Mark mark) {
    if (readSeq(room, mark.epoch()) >= mark.seq()) {
      return false;
    }
    if (read.size() >= ReadPositions.MAX_ROOMS_PER_PERSON && !read.containsKey(room)) {
      read.keySet().stream().filter(held -> sessions.stream().noneMatch(s -> s.rooms.contains(held)))
          .findFirst().ifPresent(read::remove);
    }
    read.put(room, mark);
    return true;
  }
}
