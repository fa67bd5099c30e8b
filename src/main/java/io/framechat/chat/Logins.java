package io.framechat.chat;

import io.framechat.config.AuthOptions;
import io.framechat.config.ChatOptions;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.Names;
import io.framechat.protocol.ServerFrames;

import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Logging in with a token (authentication on): the token is checked, the client takes the token's
 * nick (a client already holding it, on any node, is the same identity logging in again, and is
 * closed, {@code replaced}) and enters the default room if it may read it. A later {@code hello} with
 * a fresh token for the same nick renews the login. Clients that do not log in in time, or whose
 * token expired and was not renewed within the grace period, are closed ({@link #sweep}).
 */
final class Logins {

  private static final Logger LOG = Logger.getLogger(Logins.class.getName());

  /** What a login needs of the rest of the chat. */
  interface Chat {
    void error(Client client, ErrorCode code, String message);

    void close(Client client, CloseReason reason);

    boolean connected(Client client);

    /** Gives the client its nick (the reply, the registry, presence in rooms held). */
    void rename(Client client, String nick);

    /** Joins a room, as the {@code join} command does. */
    void join(Client client, String room);

    /** If the nick is banned: tells the client, sends it away and says true. */
    boolean banned(Client client, String nick);
  }

  private final Access access;
  private final Supplier<ChatOptions> chat;
  private final Supplier<AuthOptions> auth;
  private final Nicks nicks;
  private final Rooms rooms;
  private final Requests requests;
  private final Outbox out;
  private final Chat to;

  Logins(Access access, Supplier<ChatOptions> chat, Supplier<AuthOptions> auth, Nicks nicks, Rooms rooms,
      Requests requests, Outbox out, Chat to) {
    this.access = access;
    this.chat = chat;
    this.auth = auth;
    this.nicks = nicks;
    this.rooms = rooms;
    this.requests = requests;
    this.out = out;
    this.to = to;
  }

  /** A {@code hello} with authentication on: a token logs in (or renews); without one, only resuming is allowed. */
  void hello(Client client, Command.Hello hello) {
    if (hello.token() == null) {
      if (!access.loggedIn(client)) {
        to.error(client, ErrorCode.AUTH_REQUIRED, "log in first: {\"type\":\"hello\",\"token\":\"...\"}");
      } else if (hello.nick() != null && !Names.sameNick(hello.nick(), client.nick)) {
        to.error(client, ErrorCode.FORBIDDEN, "your nick is the one your token gives");
      }
      return;
    }
    requests.await(client, access.verify(hello.token()), verified -> {
      if (!to.connected(client)) {
        return;
      }
      if (verified.failed()) {
        LOG.fine(() -> "token refused for " + client.endpoint.remoteAddress() + ": " + verified.cause().getMessage());
        refuse(client, "the token was refused");
      } else if (client.identity != null) {
        renew(client, verified.result());
      } else {
        login(client, verified.result());
      }
    });
  }

  private void refuse(Client client, String why) {
    to.error(client, ErrorCode.AUTH_FAILED, why);
    to.close(client, CloseReason.AUTH_FAILED);
  }

  /**
   * Logs a client in under its token's nick, which follows the rules of a nick typed (alphabet,
   * length, reserved nicks, the {@code guest-} prefix) and is unique among look-alikes across
   * identities: held by another subject, it is refused with {@code nick_taken} and nobody is closed;
   * held by the same subject (logging in again), that client is closed, {@code replaced}.
   */
  private void login(Client client, Identity identity) {
    String nick = identity.nick();
    String problem = nick == null ? "the token names no nick" : nicks.problem(client, nick);
    if (problem != null) {
      refuse(client, "the token's nick cannot be used: " + problem);
      return;
    }
    if (to.banned(client, nick)) {
      return;
    }
    Client holder = nicks.local(nick);
    if (holder != null && holder != client) {
      if (holder.identity == null || !holder.identity.subject().equals(identity.subject())) {
        takenByAnother(client, nick);
        return;
      }
      to.close(holder, CloseReason.REPLACED);
    }
    requests.await(client, nicks.takeOver(client, nick, identity.subject()), taken -> {
      if (!to.connected(client)) {
        if (taken.succeeded() && taken.result()) {
          nicks.release(client, nick);
        }
      } else if (taken.failed()) {
        to.error(client, ErrorCode.UNAVAILABLE, "the nick could not be taken: try again");
      } else if (!taken.result()) {
        takenByAnother(client, nick);
      } else {
        client.identity = identity;
        to.rename(client, nick);
        String lobby = chat.get().defaultRoom();
        if (access.mayRead(client, lobby)) {
          to.join(client, lobby);
        }
      }
    });
  }

  /** The token's nick is held by another identity: the client stays, not logged in, and may present another token. */
  private void takenByAnother(Client client, String nick) {
    to.error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" (or one that looks like it) is held by someone else:"
        + " log in with another token");
  }

  private void renew(Client client, Identity identity) {
    if (!identity.subject().equals(client.identity.subject()) || identity.nick() == null
        || !Names.sameNick(identity.nick(), client.nick)) {
      refuse(client, "the token is for someone else");
      return;
    }
    client.identity = identity;
    client.expiryToldAt = -1;
    for (String room : client.rooms.toArray()) {
      if (!access.mayRead(client, room)) {
        rooms.exit(client, room);
        out.toClient(client, ServerFrames.left(room));
      }
    }
    out.toClient(client, ServerFrames.nick(client.nick));
  }

  /** Closes clients that did not log in in time, tells those whose token expired, closes them after the grace. */
  void sweep(Collection<Client> clients, long now, BiConsumer<Client, CloseReason> close) {
    if (access.open()) {
      return;
    }
    AuthOptions options = auth.get();
    for (Client client : List.copyOf(clients)) {
      if (client.identity == null) {
        if (now - client.connectedAt >= options.timeoutSeconds() * 1000L && !client.busy) {
          close.accept(client, CloseReason.AUTH_TIMEOUT);
        }
      } else if (now >= client.identity.expiresAtMillis()) {
        if (client.expiryToldAt < 0) {
          client.expiryToldAt = now;
          to.error(client, ErrorCode.TOKEN_EXPIRED, "your token expired: send hello with a fresh one within "
              + options.refreshGraceSeconds() + " s");
        } else if (now - client.expiryToldAt >= options.refreshGraceSeconds() * 1000L) {
          close.accept(client, CloseReason.TOKEN_EXPIRED);
        }
      }
    }
  }
}
