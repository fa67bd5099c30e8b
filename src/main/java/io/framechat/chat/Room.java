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
  /** Members that are a further session of a person already here (a person counts once). */
  private int repeats;
  /** The size of the room's last batch of frames: the next one starts that big ({@link Outbox}). */
  int lastBatchBytes = Outbox.MIN_BATCH_BYTES;
  /** Messages lately, for operators. */
  final RecentCount recent = new RecentCount();
  /** The room's numbered messages, handed to the members here in seq order. */
  final InOrder order = new InOrder();

  Room(String name) {
    this.name = name;
  }

  /** Members here: connections. */
  int size() {
    return members.size();
  }

  /** People here: a person with several sessions in the room counts once. */
  int people() {
    return members.size() - repeats;
  }

  boolean contains(Client client) {
    return members.contains(client);
  }

  void add(Client client) {
    if (members.add(client)) {
      gateways.merge(client.endpoint.gateway(), 1, Integer::sum);
      if (sharesPerson(client)) {
        repeats++;
      }
    }
  }

  void remove(Client client) {
    if (members.remove(client)) {
      gateways.computeIfPresent(client.endpoint.gateway(), (g, n) -> n == 1 ? null : n - 1);
      if (sharesPerson(client)) {
        repeats--;
      }
    }
  }

  /** Whether another session of the client's person is a member. */
  private boolean sharesPerson(Client client) {
    if (client.person == null) {
      return false;
    }
    for (Client session : client.person.sessions) {
      if (session != client && members.contains(session)) {
        return true;
      }
    }
    return false;
  }

  /** The addresses of the gateways with at least one member here. */
  Set<String> gateways() {
    return gateways.keySet();
  }

  /** The nicks of the members in join order, a person once. */
  List<String> nicks() {
    Set<String> nicks = new LinkedHashSet<>(members.size() * 2);
    for (Client member : members) {
      nicks.add(member.nick);
    }
    return new ArrayList<>(nicks);
  }
}
