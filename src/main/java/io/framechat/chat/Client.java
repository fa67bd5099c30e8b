package io.framechat.chat;

import io.framechat.bus.EndpointRef;
import io.framechat.protocol.Parsed;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/** The broadcast verticle's view of one client: nick, rooms held (in join order) and current room. */
final class Client {

  final EndpointRef endpoint;
  String nick;
  final LinkedHashSet<String> rooms = new LinkedHashSet<>();
  /** The seq each held room was at when the client entered it: later messages came live. */
  final Map<String, Long> enteredAt = new HashMap<>();
  /** The room {@code say} goes to when none is named; null when the client holds no room. */
  String current;
  /** True when the nick was chosen (and registered), false for a guest nick. */
  boolean chosenNick;
  /** With authentication on: who the client is, once logged in; null before. */
  Identity identity;
  /** When the client connected, and when it was told its token expired (-1: not told), in epoch ms. */
  final long connectedAt;
  long expiryToldAt = -1;
  /** True while a request waits (a nick claim, a room's history); later requests wait in order. */
  boolean busy;
  final ArrayDeque<Parsed> waiting = new ArrayDeque<>();

  Client(EndpointRef endpoint, String nick, long connectedAt) {
    this.endpoint = endpoint;
    this.nick = nick;
    this.connectedAt = connectedAt;
  }

  long id() {
    return endpoint.id();
  }

  /** Makes {@code room} the most recently joined room and the current one. */
  void enter(String room) {
    rooms.remove(room);
    rooms.add(room);
    current = room;
  }

  /** Forgets {@code room}; the current room falls back to the most recently joined room still held. */
  void exit(String room) {
    rooms.remove(room);
    enteredAt.remove(room);
    if (room.equals(current)) {
      String last = null;
      for (String held : rooms) {
        last = held;
      }
      current = last;
    }
  }
}
