package io.framechat.bans;

import io.framechat.protocol.Names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bans in force on this node, as one immutable list read by every event loop (network verticles
 * check addresses at connect, the chat checks nicks at {@code hello}). Whoever keeps the bans (a
 * file on one node, a cluster map on many) puts the whole list in with {@link #set}; listeners hear
 * of each new list, so that clients it bans are sent away at once.
 */
public final class BanList {

  private volatile List<Ban> bans = List.of();
  /** The keys of each nick banned, made once for each new list: nicks are compared by all their keys. */
  private volatile Map<Ban, List<String>> nickKeys = Map.of();
  private final List<Consumer<List<Ban>>> listeners = new CopyOnWriteArrayList<>();

  /** Puts a new list in force and tells the listeners. */
  public void set(Collection<Ban> all) {
    Map<Ban, List<String>> keys = new HashMap<>();
    all.stream().filter(ban -> ban.kind() == Ban.Kind.NICK).forEach(ban -> keys.put(ban, Names.nickKeys(ban.value())));
    nickKeys = keys;
    bans = List.copyOf(all);
    listeners.forEach(listener -> listener.accept(bans));
  }

  /** Hears of every new list (on the thread that set it). */
  public void onChange(Consumer<List<Ban>> listener) {
    listeners.add(listener);
  }

  /** The bans holding at {@code now}. */
  public List<Ban> current(long now) {
    List<Ban> holding = new ArrayList<>();
    for (Ban ban : bans) {
      if (ban.holds(now)) {
        holding.add(ban);
      }
    }
    return holding;
  }

  /** The ban holding on a nick, or on a look-alike of it whatever the case, at {@code now}; or null. */
  public Ban ofNick(String nick, long now) {
    List<String> keys = null;
    Map<Ban, List<String>> banned = nickKeys;
    for (Ban ban : bans) {
      if (ban.kind() != Ban.Kind.NICK || !ban.holds(now)) {
        continue;
      }
      keys = keys == null ? Names.nickKeys(nick) : keys;
      List<String> bannedKeys = banned.getOrDefault(ban, List.of(ban.key()));
      if (keys.stream().anyMatch(bannedKeys::contains)) {
        return ban;
      }
    }
    return null;
  }

  /** The ban holding on an address (an IP literal) at {@code now}, or null. */
  public Ban ofAddress(String host, long now) {
    if (bans.isEmpty()) {
      return null;
    }
    byte[] address;
    try {
      address = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
    for (Ban ban : bans) {
      if (ban.covers(address) && ban.holds(now)) {
        return ban;
      }
    }
    return null;
  }
}
