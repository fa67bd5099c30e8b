package io.framechat.chat;

import io.framechat.config.AuthOptions;
import io.framechat.config.ChatOptions;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.Names;
import io.framechat.protocol.ServerFrames;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Logging in with a token (authentication on): the token is checked, and the client becomes a
 * session of the token's person (its subject): it takes the person's nick (held by another subject,
 * on any node, it is refused) and enters the person's rooms, or the default room for a person's
 * first session. At most {@code auth.maxSessionsPerPerson} sessions on every node; nobody is closed
 * for another. A later {@code hello} with a fresh token for the same subject renews the session.
 * Sessions are warned before their token expires; those that did not log in in time, or whose token
 * expired and was not renewed within the grace period, are closed ({@link #sweep}).
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
  private final People people;
  private final Peers peers;

  Logins(Access access, Supplier<ChatOptions> chat, Supplier<AuthOptions> auth, Nicks nicks, Rooms rooms,
      Requests requests, Outbox out, Chat to, People people, Peers peers) {
    this.people = people;
    this.peers = peers;
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
        String why = verified.cause() instanceof Authenticator.Refused refused
            ? "the token was refused: " + refused.reason() : "the token was refused";
        if (client.identity != null) {
          to.error(client, ErrorCode.FORBIDDEN, why + "; the session goes on until its token expires");
        } else {
          refuse(client, why);
        }
      } else if (client.identity != null) {
        renew(client, verified.result());
      } else {
        login(client, verified.result(), hello.resume().keySet());
      }
    });
  }

  private void refuse(Client client, String why) {
    to.error(client, ErrorCode.AUTH_FAILED, why);
    to.close(client, CloseReason.AUTH_FAILED);
  }

  /**
   * Logs a client in as a session of its token's person, under the token's nick, which follows the
   * rules of a nick typed (alphabet, length, reserved nicks, the {@code guest-} prefix) and is unique
   * among look-alikes across people: held by another subject, it is refused with {@code nick_taken}.
   * The person's first session here claims the nick in the cluster and loads its read positions;
   * the rooms in {@code resumed} are joined by the resume that follows.
   */
  private void login(Client client, Identity identity, Set<String> resumed) {
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
    if (holder != null && holder != client
        && (holder.identity == null || !holder.identity.subject().equals(identity.subject()))) {
      takenByAnother(client, nick);
      return;
    }
    Person here = people.get(identity.subject());
    int sessions = (here == null ? 0 : here.sessions.size()) + peers.sessions(Nicks.keys(nick)).size();
    int max = auth.get().maxSessionsPerPerson();
    if (sessions >= max) {
      to.error(client, ErrorCode.TOO_MANY_SESSIONS, "you are logged in " + sessions + " times, the most allowed"
          + " (auth.maxSessionsPerPerson): end a session first");
      return;
    }
    Future<Boolean> claimed = here != null ? Future.succeededFuture(true)
        : nicks.takeOver(client, nick, identity.subject());
    requests.await(client, claimed, taken -> {
      if (!to.connected(client)) {
        if (taken.succeeded() && taken.result() && people.get(identity.subject()) == null) {
          nicks.release(client, nick);
        }
      } else if (taken.failed()) {
        to.error(client, ErrorCode.UNAVAILABLE, "the nick could not be taken: try again");
      } else if (!taken.result()) {
        takenByAnother(client, nick);
      } else {
        Person person = people.open(identity.subject(), nick);
        requests.await(client, person.loaded, loaded -> {
          if (!to.connected(client)) {
            people.forgetIfEmpty(person);
          } else if (loaded.failed()) {
            people.forgetIfEmpty(person);
            LOG.warning("read positions of a person could not be loaded: " + loaded.cause().getMessage());
            to.error(client, ErrorCode.UNAVAILABLE, "your read positions could not be loaded: log in again");
          } else {
            client.identity = identity;
            people.attach(client, person);
            to.rename(client, nick);
            enterRooms(client, person, resumed);
          }
        });
      }
    });
  }

  /**
   * A new session enters its person's rooms: those of another session here, or on other nodes, or
   * (the person's first session) the default room; a room being resumed is left to the resume.
   */
  private void enterRooms(Client client, Person person, Set<String> resumed) {
    Client sibling = person.sibling(client);
    List<String> keys = Nicks.keys(client.nick);
    Collection<String> held;
    if (sibling != null) {
      held = List.of(sibling.rooms.toArray());
    } else if (!peers.sessions(keys).isEmpty()) {
      held = peers.roomsOf(keys);
    } else {
      held = List.of(chat.get().defaultRoom());
    }
    for (String room : held) {
      if (!resumed.contains(room) && access.mayRead(client, room)) {
        to.join(client, room);
      }
    }
  }

  /** The token's nick is held by another identity: the client stays, not logged in, and may present another token. */
  private void takenByAnother(Client client, String nick) {
    to.error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" (or one that looks like it) is held by someone else:"
        + " log in with another token");
  }

  /** A fresh token for the same person and nick renews the session in place; another's is refused, and it goes on. */
  private void renew(Client client, Identity identity) {
    if (!identity.subject().equals(client.identity.subject()) || identity.nick() == null
        || !Names.sameNick(identity.nick(), client.nick)) {
      to.error(client, ErrorCode.FORBIDDEN, "the token is for someone else: the session goes on as "
          + client.nick);
      return;
    }
    client.identity = identity;
    client.expiryToldAt = -1;
    client.expiryWarned = false;
    for (String room : client.rooms.toArray()) {
      if (!access.mayRead(client, room)) {
        rooms.exit(client, room);
        out.toClient(client, ServerFrames.left(room));
      }
    }
    out.toClient(client, ServerFrames.nick(client.nick));
  }

  /**
   * Closes clients that did not log in in time; warns those whose token expires within
   * {@code auth.expiryWarningSeconds}; tells those whose token expired, and closes them after the grace.
   */
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
      } else if (now < client.identity.expiresAtMillis()) {
        long left = client.identity.expiresAtMillis() - now;
        if (!client.expiryWarned && left <= options.expiryWarningSeconds() * 1000L) {
          client.expiryWarned = true;
          out.toClient(client, ServerFrames.tokenExpiring(client.identity.expiresAtMillis(), "your token expires in "
              + (left + 999) / 1000 + " s: send hello with a fresh one"));
        }
      } else {
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
