package io.framechat.chat;

import io.framechat.bans.Ban;
import io.framechat.bans.BanList;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.ServerFrames;

import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Taking a nick (open mode): checked against the rules, the nicks held here and the bans, claimed
 * in the cluster (the client's later requests wait meanwhile), then taken: the reply, the registry,
 * and presence in the rooms the client holds.
 */
final class NickRequests {

  private final Nicks nicks;
  private final Rooms rooms;
  private final Requests requests;
  private final Outbox out;
  private final BanList bans;
  private final LongSupplier clock;
  private final Replies replies;
  private final BiConsumer<Client, CloseReason> close;
  private final Predicate<Client> connected;

  NickRequests(Nicks nicks, Rooms rooms, Requests requests, Outbox out, BanList bans, LongSupplier clock,
      Replies replies, BiConsumer<Client, CloseReason> close, Predicate<Client> connected) {
    this.nicks = nicks;
    this.rooms = rooms;
    this.requests = requests;
    this.out = out;
    this.bans = bans;
    this.clock = clock;
    this.replies = replies;
    this.close = close;
    this.connected = connected;
  }

  /** {@code /nick}: the nick is checked, claimed (in a cluster), then taken. */
  void change(Client client, String nick) {
    String problem = nicks.problem(client, nick);
    if (problem != null) {
      replies.error(client, ErrorCode.BAD_REQUEST, problem);
      return;
    }
    if (nicks.takenFrom(client, nick)) {
      replies.error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      return;
    }
    if (banned(client, nick)) {
      return;
    }
    if (nicks.local(nick) == client) {
      rename(client, nick);
      return;
    }
    requests.await(client, nicks.claim(client, nick), claim -> {
      boolean claimed = claim.succeeded() && claim.result();
      if (!connected.test(client)) {
        if (claimed) {
          nicks.release(client, nick);
        }
      } else if (claim.failed()) {
        replies.error(client, ErrorCode.UNAVAILABLE, "the nick could not be checked: try again");
      } else if (!claimed) {
        replies.error(client, ErrorCode.NICK_TAKEN, "nick \"" + nick + "\" is taken");
      } else {
        rename(client, nick);
      }
    });
  }

  /** If the nick (or a look-alike) is banned: tells the client, sends it away and says true. */
  boolean banned(Client client, String nick) {
    Ban ban = bans.ofNick(nick, clock.getAsLong());
    if (ban == null) {
      return false;
    }
    replies.error(client, ErrorCode.BANNED, "nick \"" + nick + "\" is banned until " + Instant.ofEpochMilli(ban.until())
        + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
    close.accept(client, CloseReason.BANNED);
    return true;
  }

  /** The client now holds {@code nick}: the reply, the registry, and presence in the rooms it holds. */
  void rename(Client client, String nick) {
    String old = client.nick;
    out.toClient(client, ServerFrames.nick(nick));
    if (!old.equals(nick)) {
      nicks.renamed(client, nick);
      rooms.renamed(client, old);
    }
  }
}
