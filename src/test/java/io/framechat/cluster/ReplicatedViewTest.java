package io.framechat.cluster;

import io.framechat.chat.Peers.RemoteClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The replicated view of the other nodes, fed deltas as their batches would, with no cluster. */
class ReplicatedViewTest {

  private final ReplicatedView view = new ReplicatedView("self");

  @Test
  @DisplayName("deltas of other nodes give who, rooms, sizes and whisper routing; this node's own count apart")
  void deltas_build_the_view() {
    NodeView a = view.node("A");
    view.connected(a, 1, "guest-a-1");
    view.renamed(a, 1, "alice");
    view.joined(a, 1, "dev");
    view.connected(a, 2, "bob");
    view.joined(a, 2, "dev");
    view.joined(a, 2, "ops");
    view.connected(view.self(), 9, "me");
    view.joined(view.self(), 9, "dev");
    assertEquals(2, view.members("dev"));
    List<String> nicks = new ArrayList<>();
    view.nicks("dev", nicks);
    assertEquals(List.of("alice", "bob"), nicks);
    assertEquals(Map.of("dev", 2, "ops", 1), view.roomCounts());
    assertEquals(List.of("dev", "ops"), List.copyOf(view.roomCounts().keySet()), "by name");
    assertEquals(new RemoteClient("A", 1, "alice"), view.find(ReplicatedView.keys("alice")));
    assertNull(view.find(ReplicatedView.keys("guest-a-1")), "the old nick is no longer indexed");
    assertNull(view.find(ReplicatedView.keys("me")), "this node's own clients are not remote");
    view.left(a, 2, "dev");
    view.gone(a, 1);
    assertEquals(0, view.members("dev"));
    assertNull(view.find(ReplicatedView.keys("alice")));
  }

  @Test
  @DisplayName("a node's death frees its members' nicks, but not one another node's client holds by then")
  void node_death_keeps_a_nick_taken_elsewhere() {
    NodeView a = view.node("A");
    view.connected(a, 1, "alice");
    view.joined(a, 1, "dev");
    // alice left node A and a client of node C took her nick; A died before its GONE came through
    view.connected(view.node("C"), 7, "alice");
    List<String> departures = new ArrayList<>();
    view.nodeLeft("A", (room, nick, sizeBefore) -> departures.add(room + " " + nick + " " + sizeBefore));
    assertEquals(List.of("dev alice 1"), departures);
    assertEquals(0, view.members("dev"));
    assertEquals(new RemoteClient("C", 7, "alice"), view.find(ReplicatedView.keys("alice")));
  }

  @Test
  @DisplayName("a snapshot of this node, loaded as another node's view, gives the same members and rooms")
  void snapshot_round_trip() {
    view.connected(view.self(), 1, "alice");
    view.joined(view.self(), 1, "dev");
    view.connected(view.self(), 2, "bob");
    ReplicatedView other = new ReplicatedView("other");
    NodeView self = other.node("self");
    other.load(self, view.snapshot(41));
    assertEquals(41, self.seq);
    assertEquals(1, other.members("dev"));
    assertEquals(new RemoteClient("self", 2, "bob"), other.find(ReplicatedView.keys("bob")));
  }
}
