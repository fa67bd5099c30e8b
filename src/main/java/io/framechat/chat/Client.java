package io.framechat.chat;

import io.framechat.bus.EndpointRef;
import io.framechat.protocol.Parsed;

import java.util.ArrayDeque;

/**
 * The broadcast verticle's view of one client (a connection; with authentication on, a session of
 * a {@link Person}): nick, rooms held (in join order) and current room.
 */
final class Client {

  final EndpointRef endpoint;
  String nick;
  /** The rooms held, in join order, with the seq each stood at when the client entered it. */
  final HeldRooms rooms = new HeldRooms();
  /** The room {@code say} goes to when none is named; null when the client holds no room. */
  String current;
  /** True when the nick was chosen (and registered), false for a guest nick. */
  boolean chosenNick;
  /** With authentication on: who the client is, once logged in; null before. */
  Identity identity;
  /** With authentication on: the person this is a session of, once logged in; null before. */
  Person person;
  /** Whether the client was warned that its token is about to expire (and not renewed since). */
  boolean expiryWarned;
  /** When the client connected, and when it was told its token expired (-1: not told), in epoch ms. */
  final long connectedAt;
  long expiryToldAt = -1;
  /** True while a request waits (a nick claim, a room's history); later requests wait in order. */
  boolean busy;
  /** The requests waiting for it, made when first needed (most clients never wait). */
  private ArrayDeque<Parsed> waiting;

  Client(EndpointRef endpoint, String nick, long connectedAt) {
    this.endpoint = endpoint;
    this.nick = nick;
    this.connectedAt = connectedAt;
  }

  long id() {
    return endpoint.id();
  }

  /** Takes a room, entered when it stood at {@code seq}, as the most recently joined and the current one. */
  void enter(String room, long seq) {
    rooms.add(room, seq);
    current = room;
  }

  /** Makes a held room the most recently joined one and the current one. */
  void makeCurrent(String room) {
    rooms.moveLast(room);
    current = room;
  }

  /** Forgets {@code room}; the current room falls back to the most recently joined room still held. */
  void exit(String room) {
    rooms.remove(room);
    if (room.equals(current)) {
      current = rooms.last();
    }
  }

  /** The requests waiting for the one in progress, oldest first. */
  ArrayDeque<Parsed> waiting() {
    if (waiting == null) {
      waiting = new ArrayDeque<>(4);
    }
    return waiting;
  }

  boolean hasWaiting() {
    return waiting != null && !waiting.isEmpty();
  }

  /** Drops the waiting requests (the client is gone). */
  void forgetWaiting() {
    waiting = null;
  }
}
