package io.framechat.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A room's members in join order, and how many of them each gateway holds: the addresses an op for
 * the room goes to.
 */
final class Room {

  final String name;
  private final LinkedHashSet<Client> members = new LinkedHashSet<>();
  private final Map<String, Integer> gateways = new HashMap<>();
  /** The size of the room's last batch of frames: the next one starts that big ({@link Outbox}). */
  int lastBatchBytes = Outbox.MIN_BATCH_BYTES;
  /** Messages lately, for operators. */
  final RecentCount recent = new RecentCount();
  /** The room's numbered messages, handed to the members here in seq order. */
  final InOrder order = new InOrder();

  Room(String name) {
    this.name = name;
  }

  int size() {
    return members.size();
  }

  boolean contains(Client client) {
    return members.contains(client);
  }

  void add(Client client) {
    if (members.add(client)) {
      gateways.merge(client.endpoint.gateway(), 1, Integer::sum);
    }
  }

  void remove(Client client) {
    if (members.remove(client)) {
      gateways.computeIfPresent(client.endpoint.gateway(), (g, n) -> n == 1 ? null : n - 1);
    }
  }

  /** The addresses of the gateways with at least one member here. */
  Set<String> gateways() {
    return gateways.keySet();
  }

  List<String> nicks() {
    List<String> nicks = new ArrayList<>(members.size());
    for (Client member : members) {
      nicks.add(member.nick);
    }
    return nicks;
  }
}
