package io.framechat.chat;

import io.framechat.bans.Ban;
import io.framechat.bans.BanList;
import io.framechat.config.AuthOptions;
import io.framechat.config.ChatOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.Names;
import io.framechat.protocol.ParseError;
import io.framechat.protocol.Parsed;
import io.framechat.protocol.RoomMessage;
import io.framechat.protocol.ServerFrames;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * What each request makes the server do and answer: one method per command. Requests arrive here
 * in order ({@link Requests}); a parse error is answered like any other reply.
 */
final class Commands implements Requests.Runner, Logins.Chat {

  /** The parts of the chat the commands act on; {@code changed} asks for a flush after a late completion. */
  record Parts(Supplier<ChatOptions> config, Supplier<AuthOptions> auth, ChatMetrics metrics, LongSupplier clock,
      Outbox out, Rooms rooms, Nicks nicks, RoomHistory history, Replays replays, Requests requests,
      HistoryLoader loader, Sequencer sequencer, Peers peers, Access access, ToIntFunction<Client> replyBytes,
      BanList bans, Runnable changed) {
  }

  private final Parts parts;
  private final Outbox out;
  private final Rooms rooms;
  private final Nicks nicks;
  private final String idPrefix;
  /** Closes a client for good: forgotten here, then told {@code bye}. */
  private final BiConsumer<Client, CloseReason> close;
  private final Predicate<Client> connected;
  private final Access access;
  private final Logins logins;
  private final RoomRequests roomRequests;
  private long messages;

  Commands(Parts parts, String idPrefix, BiConsumer<Client, CloseReason> close, Predicate<Client> connected) {
    this.parts = parts;
    this.out = parts.out();
    this.rooms = parts.rooms();
    this.nicks = parts.nicks();
    this.idPrefix = idPrefix;
    this.close = close;
    this.connected = connected;
    this.access = parts.access();
    this.logins = new Logins(access, parts.config(), parts.auth(), nicks, rooms, parts.requests(), out, this);
    this.roomRequests = new RoomRequests(parts, this::error);
  }

  /** Closes clients whose login timed out or whose token expired (authentication on). */
  void sweep(Collection<Client> clients, long now) {
    logins.sweep(clients, now, close);
  }

  @Override
  public void run(Client client, Parsed request) {
    if (!access.loggedIn(client) && !(request instanceof ParseError) && !Access.beforeLogin(request)) {
      error(client, ErrorCode.AUTH_REQUIRED, "log in first: {\"type\":\"hello\",\"token\":\"...\"}");
    } else if (request instanceof ParseError refused) {
      error(client, refused.code(), refused.message());
    } else if (request instanceof Command.Say say) {
      say(client, say);
    } else if (request instanceof Command.Hello hello) {
      hello(client, hello);
    } else if (request instanceof Command.Join join) {
      roomRequests.join(client, join.room(), join.resume());
    } else if (request instanceof Command.History history) {
      roomRequests.history(client, history);
    } else if (request instanceof Command.Leave leave) {
      roomRequests.leave(client, leave.room());
    } else if (request instanceof Command.Whisper whisper) {
      whisper(client, whisper);
    } else if (request instanceof Command.Who who) {
      roomRequests.who(client, who);
    } else if (request instanceof Command.Rooms list) {
      roomRequests.list(client, list);
    } else if (request instanceof Command.Ping ping) {
      out.toClient(client, ServerFrames.pong(ping.id()));
    } else if (request instanceof Command.Quit) {
      close.accept(client, CloseReason.QUIT);
    }
    // Pong (the answer to a keepalive: its arrival was all that counted) and Blank need nothing
  }

  @Override
  public boolean banned(Client client, String nick) {
    Ban ban = parts.bans().ofNick(nick, parts.clock().getAsLong());
    if (ban == null) {
      return false;
    }
    error(client, ErrorCode.BANNED, "nick \"" + nick + "\" is banned until " + Instant.ofEpochMilli(ban.until())
        + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
    close.accept(client, CloseReason.BANNED);
    return true;
  }

  /** Sends an error reply, counted by code. */
  @Override
  public void error(Client client, ErrorCode code, String message) {
    parts.metrics().error(code);
    out.toClient(client, ServerFrames.error(code, message));
  }

  private void say(Client client, Command.Say say) {
    String roomName = say.room() != null ? say.room() : client.current;
    Room room = roomName == null ? null : rooms.get(roomName);
    if (room == null || !room.contains(client)) {
      error(client, ErrorCode.NOT_IN_ROOM, roomName == null
          ? "you are in no room: /join one first" : "you are not in room \"" + roomName + "\"");
      return;
    }
    if (!access.mayWrite(client, room.name)) {
      error(client, ErrorCode.FORBIDDEN, "you may not say anything in room \"" + room.name + "\"");
      return;
    }
    if (textRefused(client, say.text())) {
      return;
    }
    parts.metrics().messageSaid();
    RoomMessage message = new RoomMessage(idPrefix + Long.toString(++messages, 36), room.name, client.nick,
        say.text(), parts.clock().getAsLong());
    parts.sequencer().sequence(message, parts.history().position(room.name)).onFailure(e -> {
      if (connected.test(client)) {
        error(client, ErrorCode.UNAVAILABLE, "the message could not be sent: try again");
        parts.changed().run();
      }
    });
  }

  private void whisper(Client client, Command.Whisper whisper) {
    if (textRefused(client, whisper.text())) {
      return;
    }
    Client target = nicks.local(whisper.to());
    Peers.RemoteClient remote = target == null ? nicks.remote(whisper.to()) : null;
    if (target == null && remote == null) {
      error(client, ErrorCode.NO_SUCH_NICK, "nobody is called \"" + whisper.to() + "\"");
      return;
    }
    String to = target != null ? target.nick : remote.nick();
    FrameBatch frames = out.encode(ServerFrames.whisper(client.nick, to, whisper.text(), parts.clock().getAsLong()));
    if (target != null) {
      out.toClient(target, frames);
    } else {
      parts.peers().toClient(remote, frames);
    }
    if (target != client) {
      out.toClient(client, frames);
    }
  }

  /** Takes the nick, if one is given, then rejoins the rooms to resume, in order, before later requests. */
  private void hello(Client client, Command.Hello hello) {
    List<Command.Join> joins = new ArrayList<>();
    hello.resume().forEach((room, from) -> joins.add(new Command.Join(room, from)));
    parts.requests().runFirst(client, joins);
    if (!access.open()) {
      logins.hello(client, hello);
    } else if (hello.nick() != null) {
      changeNick(client, hello.nick());
    }
    parts.requests().drain(client);
  }

  /** {@code /nick}: the nick is checked, claimed (in a cluster), then taken. */
  private void changeNick(Client client, String nick) {
    String problem = nicks.problem(client, nick);
    if (problem != null) {
      error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    if (nicks.takenFrom(client, nick)) {
      error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      return;
    }
    if (banned(client, nick)) {
      return;
    }
    if (nicks.local(nick) == client) {
      rename(client, nick);
      return;
    }
    parts.requests().await(client, nicks.claim(client, nick), claim -> {
      boolean claimed = claim.succeeded() && claim.result();
      if (!connected.test(client)) {
        if (claimed) {
          nicks.release(client, nick);
        }
      } else if (claim.failed()) {
        error(client, ErrorCode.UNAVAILABLE, "the nick could not be checked: try again");
      } else if (!claimed) {
        error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      } else {
        rename(client, nick);
      }
    });
  }

  @Override
  public void close(Client client, CloseReason reason) {
    close.accept(client, reason);
  }

  @Override
  public boolean connected(Client client) {
    return connected.test(client);
  }

  @Override
  public void join(Client client, String room) {
    roomRequests.join(client, room, null);
  }

  /** The client now holds {@code nick}: the reply, the registry, and presence in the rooms it holds. */
  @Override
  public void rename(Client client, String nick) {
    String old = client.nick;
    out.toClient(client, ServerFrames.nick(nick));
    if (!old.equals(nick)) {
      nicks.renamed(client, nick);
      rooms.renamed(client, old);
    }
  }

  private boolean textRefused(Client client, String text) {
    if (text.isEmpty()) {
      error(client, ErrorCode.BAD_REQUEST, "text must not be empty");
      return true;
    }
    if (!Names.printableText(text)) {
      error(client, ErrorCode.BAD_REQUEST, "text may not hold control characters (but tab and line feed)");
      return true;
    }
    int max = parts.config().get().maxTextBytes();
    if ((long) text.length() * 3 > max && text.getBytes(StandardCharsets.UTF_8).length > max) {
      error(client, ErrorCode.BAD_REQUEST, "text is longer than " + max + " bytes");
      return true;
    }
    return false;
  }
}
