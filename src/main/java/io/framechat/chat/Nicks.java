package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.protocol.Names;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who holds which nick: the clients of this node by nick, unique ignoring case, and (through
 * {@link Peers}) the cluster's registry of chosen nicks. Guests get {@code guest-N} nicks, which no
 * one may choose.
 */
final class Nicks {

  private final Map<String, Client> byKey = new HashMap<>();
  private final Supplier<ChatOptions> config;
  private final Peers peers;
  private final String guestPrefix;
  private long guests;

  Nicks(Supplier<ChatOptions> config, Peers peers, String guestPrefix) {
    this.config = config;
    this.peers = peers;
    this.guestPrefix = guestPrefix;
  }

  /** The key nicks are compared by: look-alikes share it ({@link Names#nickKey}). */
  static String key(String nick) {
    return Names.nickKey(nick);
  }

  /** A guest nick nobody on this node holds. */
  String nextGuest() {
    String nick;
    do {
      nick = guestPrefix + (++guests);
    } while (byKey.containsKey(key(nick)));
    return nick;
  }

  /** Registers a new client under its (guest) nick. */
  void add(Client client) {
    byKey.put(key(client.nick), client);
  }

  /** Forgets a client that is gone, and gives its chosen nick back to the cluster. */
  void remove(Client client) {
    byKey.remove(key(client.nick));
    if (client.chosenNick) {
      peers.release(key(client.nick), client.id());
    }
  }

  /** The client of this node holding {@code nick}, or null. */
  Client local(String nick) {
    return byKey.get(key(nick));
  }

  /** The client on another node holding {@code nick}, or null. */
  Peers.RemoteClient remote(String nick) {
    return peers.find(key(nick));
  }

  /** Why {@code client} may not take {@code nick}, or null when it may. */
  String problem(Client client, String nick) {
    String problem = Names.nickProblem(nick, config.get().maxNickLength());
    if (problem == null && key(nick).startsWith(key(Naming.GUEST)) && !key(nick).equals(key(client.nick))) {
      problem = "nicks starting with \"" + Naming.GUEST + "\" are given by the server";
    }
    if (problem == null && config.get().reserved(nick)) {
      problem = "nick \"" + nick + "\" is reserved";
    }
    return problem;
  }

  /** Whether someone other than {@code client} holds {@code nick}, here or on another node. */
  boolean takenFrom(Client client, String nick) {
    Client owner = local(nick);
    return (owner != null && owner != client) || remote(nick) != null;
  }

  /** Claims {@code nick} for {@code client} in the cluster's registry (at once on a single node). */
  Future<Boolean> claim(Client client, String nick) {
    return peers.claim(key(nick), client.id());
  }

  /** Takes {@code nick} for {@code client} from whoever holds it (the same identity, logging in again). */
  Future<Boolean> takeOver(Client client, String nick) {
    return peers.takeOver(key(nick), client.id());
  }

  /** Gives a claim back (the client left while it was out). */
  void release(Client client, String nick) {
    peers.release(key(nick), client.id());
  }

  /** {@code client} now holds {@code nick} (claimed, or its own in other case). */
  void renamed(Client client, String nick) {
    String old = client.nick;
    if (!key(old).equals(key(nick))) {
      byKey.remove(key(old));
      byKey.put(key(nick), client);
      if (client.chosenNick) {
        peers.release(key(old), client.id());
      }
    }
    client.nick = nick;
    client.chosenNick = true;
    peers.renamed(client.id(), nick);
  }
}
