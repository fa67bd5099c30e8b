package io.framechat.chat;

import io.framechat.protocol.Command;
import io.framechat.protocol.Parsed;
import io.vertx.core.Future;

/**
 * Who may do what. With no authenticator (auth.mode none) everyone may do everything, as a guest
 * or under any free nick. With one, a client must log in with a token first; its nick and the rooms
 * it may read and say in come from the token.
 */
final class Access {

  private final Authenticator authenticator;

  /** @param authenticator checks tokens; null: no authentication */
  Access(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  boolean open() {
    return authenticator == null;
  }

  boolean loggedIn(Client client) {
    return open() || client.identity != null;
  }

  /** Whether a client may send this before it logged in: only what logs in, keeps alive or leaves. */
  static boolean beforeLogin(Parsed request) {
    return request instanceof Command.Hello || request instanceof Command.Ping || request instanceof Command.Pong
        || request instanceof Command.Quit || request instanceof Command.Blank;
  }

  /** Whether the client may read every room (so it sees the same list of rooms as anyone else who may). */
  boolean readsAll(Client client) {
    return open() || (client.identity != null && RoomRights.ALL.equals(client.identity.rights()));
  }

  boolean mayRead(Client client, String room) {
    return open() || (client.identity != null && client.identity.rights().mayRead(room));
  }

  boolean mayWrite(Client client, String room) {
    return open() || (client.identity != null && client.identity.rights().mayWrite(room));
  }

  Future<Identity> verify(String token) {
    return authenticator.authenticate(token);
  }
}
