package io.framechat.chat;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.ParseError;
import io.framechat.protocol.Parsed;
import io.framechat.protocol.ServerFrames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * What each request makes the server do: it goes to the part that handles it ({@link Messages},
 * {@link RoomRequests}, {@link NickRequests}, {@link Reading}, {@link Logins}). Requests arrive here in order
 * ({@link Requests}); a parse error is answered like any other reply; before a login (with
 * authentication on) only what logs in, keeps alive or leaves is taken.
 */
final class Commands implements Requests.Runner, Logins.Chat {

  /** The parts requests go to, and what a login needs of the rest of the chat. */
  record Handlers(Messages messages, RoomRequests rooms, NickRequests nicks, Reading reading, Requests requests,
      Access access,
      Replies replies, Outbox out, BiConsumer<Client, CloseReason> close, Predicate<Client> connected) {
  }

  private final Handlers to;
  private final Logins logins;

  /** @param logins made with this as its {@link Logins.Chat} */
  Commands(Handlers to, java.util.function.Function<Logins.Chat, Logins> logins) {
    this.to = to;
    this.logins = logins.apply(this);
  }

  /** Closes clients whose login timed out or whose token expired (authentication on). */
  void sweep(Collection<Client> clients, long now) {
    logins.sweep(clients, now, to.close());
  }

  @Override
  public void run(Client client, Parsed request) {
    if (!to.access().loggedIn(client) && !(request instanceof ParseError) && !Access.beforeLogin(request)) {
      error(client, ErrorCode.AUTH_REQUIRED, "log in first: {\"type\":\"hello\",\"token\":\"...\"}");
    } else if (request instanceof ParseError refused) {
      error(client, refused.code(), refused.message());
    } else if (request instanceof Command.Say say) {
      to.messages().say(client, say);
    } else if (request instanceof Command.Hello hello) {
      hello(client, hello);
    } else if (request instanceof Command.Join join) {
      to.rooms().join(client, join.room(), join.resume());
    } else if (request instanceof Command.History history) {
      to.rooms().history(client, history);
    } else if (request instanceof Command.Leave leave) {
      to.rooms().leave(client, leave.room());
    } else if (request instanceof Command.Whisper whisper) {
      to.messages().whisper(client, whisper);
    } else if (request instanceof Command.Who who) {
      to.rooms().who(client, who);
    } else if (request instanceof Command.Rooms list) {
      to.rooms().list(client, list);
    } else if (request instanceof Command.Read read) {
      to.reading().read(client, read);
    } else if (request instanceof Command.Ping ping) {
      to.out().toClient(client, ServerFrames.pong(ping.id()));
    } else if (request instanceof Command.Quit) {
      to.close().accept(client, CloseReason.QUIT);
    }
    // Pong (the answer to a keepalive: its arrival was all that counted) and Blank need nothing
  }

  /** Takes the nick, if one is given, then rejoins the rooms to resume, in order, before later requests. */
  private void hello(Client client, Command.Hello hello) {
    List<Command.Join> joins = new ArrayList<>();
    hello.resume().forEach((room, from) -> joins.add(new Command.Join(room, from)));
    to.requests().runFirst(client, joins);
    if (!to.access().open()) {
      logins.hello(client, hello);
    } else if (hello.nick() != null) {
      to.nicks().change(client, hello.nick());
    }
    to.requests().drain(client);
  }

  // ---- what a login needs of the rest of the chat ----

  @Override
  public void error(Client client, ErrorCode code, String message) {
    to.replies().error(client, code, message);
  }

  @Override
  public boolean banned(Client client, String nick) {
    return to.nicks().banned(client, nick);
  }

  @Override
  public void close(Client client, CloseReason reason) {
    to.close().accept(client, reason);
  }

  @Override
  public boolean connected(Client client) {
    return to.connected().test(client);
  }

  @Override
  public void join(Client client, String room) {
    to.rooms().join(client, room, null);
  }

  @Override
  public void rename(Client client, String nick) {
    to.nicks().rename(client, nick);
  }
}
