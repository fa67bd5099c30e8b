package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.protocol.Names;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who holds which nick: the clients of this node by nick, unique among look-alikes whatever their
 * case (each nick is known by all its keys, {@link Names#nickKeys}), and (through {@link Peers}) the
 * cluster's registry of chosen nicks. Guests get {@code guest-N} nicks, which no one may choose.
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

  /** The keys nicks are compared by: look-alikes share one ({@link Names#nickKeys}). */
  static List<String> keys(String nick) {
    return Names.nickKeys(nick);
  }

  /** A guest nick nobody on this node holds. */
  String nextGuest() {
    String nick;
    do {
      nick = guestPrefix +  ++guests;
    } while (local(nick) != null);
    return nick;
  }

  /** Registers a new client under its (guest) nick. */
  void add(Client client) {
    keys(client.nick).forEach(key -> byKey.put(key, client));
  }

  /**
   * Forgets a client that is gone, and gives its chosen nick back to the cluster; a session of a
   * person hands it to another session instead, here or on another node.
   */
  void remove(Client client) {
    List<String> keys = keys(client.nick);
    Client heir = client.person == null ? null : client.person.sibling(client);
    if (heir != null) {
      keys.forEach(key -> byKey.replace(key, client, heir));
    } else {
      keys.forEach(key -> byKey.remove(key, client));
    }
    if (client.person != null && client.chosenNick) {
      peers.handOver(keys, client.id(), heir == null ? -1 : heir.id(), client.person.subject);
    } else if (client.chosenNick) {
      peers.release(keys, client.id());
    }
  }

  /** The client of this node holding {@code nick} (or a look-alike), or null. */
  Client local(String nick) {
    for (String key : keys(nick)) {
      Client holder = byKey.get(key);
      if (holder != null) {
        return holder;
      }
    }
    return null;
  }

  /** The client on another node holding {@code nick} (or a look-alike), or null. */
  Peers.RemoteClient remote(String nick) {
    return peers.find(keys(nick));
  }

  /**
   * Why {@code client} may not take {@code nick}, or null when it may: the alphabet and length, the
   * {@code guest-} prefix and the reserved nicks. The same for a nick typed and a token's.
   */
  String problem(Client client, String nick) {
    String problem = Names.nickProblem(nick, config.get().maxNickLength());
    if (problem == null && Names.nickKey(nick).startsWith(Names.nickKey(Naming.GUEST))
        && !Names.sameNick(nick, client.nick)) {
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
    return peers.claim(keys(nick), client.id(), "");
  }

  /**
   * Takes {@code nick} for {@code client}, logged in as {@code subject}, from a client of the same
   * subject that holds it (logging in again); false when a client of another subject holds it.
   */
  Future<Boolean> takeOver(Client client, String nick, String subject) {
    return peers.takeOver(keys(nick), client.id(), subject);
  }

  /** Gives a claim back (the client left while it was out). */
  void release(Client client, String nick) {
    peers.release(keys(nick), client.id());
  }

  /** {@code client} now holds {@code nick} (claimed, or its own in other case). */
  void renamed(Client client, String nick) {
    String old = client.nick;
    List<String> oldKeys = keys(old);
    if (!oldKeys.equals(keys(nick))) {
      oldKeys.forEach(key -> byKey.remove(key, client));
      keys(nick).forEach(key -> byKey.put(key, client));
      if (client.chosenNick) {
        peers.release(oldKeys, client.id());
      }
    }
    client.nick = nick;
    client.chosenNick = true;
    peers.renamed(client.id(), nick);
  }
}
