package io.framechat.cluster;

import io.framechat.testing.TestClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client following several rooms of a cluster across a failover: it checks that each room's seqs
 * come one after another (no gap, no duplicate) in one epoch, before and after it resumes on
 * another node, and counts what was replayed from history.
 */
final class RoomFollower {

  private final List<String> rooms;
  /** The last seq seen in each room. */
  private final Map<String, Long> seen = new HashMap<>();
  private final Map<String, String> epochs = new HashMap<>();
  private int replayed;

  RoomFollower(List<String> rooms) {
    this.rooms = rooms;
  }

  /** Reads {@code client}'s messages until every room has reached seq {@code seq}. */
  void readUntilEach(TestClient client, long seq) {
    while (seen.size() < rooms.size() || seen.values().stream().anyMatch(last -> last < seq)) {
      JsonObject message = client.nextOfType("message");
      next(message);
      epochs.put(message.getString("room"), message.getString("epoch"));
    }
  }

  /**
   * Resumes every room on {@code client} (a new connection) from where this follower stands, and
   * reads until each room is said recovered, which it must be.
   */
  void resume(TestClient client) {
    JsonObject resume = new JsonObject();
    seen.forEach((room, seq) -> resume.put(room, new JsonObject().put("seq", seq).put("epoch", epochs.get(room))));
    client.send(new JsonObject().put("type", "hello").put("resume", resume));
    int recovered = 0;
    while (recovered < rooms.size()) {
      JsonObject frame = client.next();
      if ("recovered".equals(frame.getString("type"))) {
        assertTrue(frame.getBoolean("recovered"), frame.encode());
        recovered++;
      } else if ("message".equals(frame.getString("type"))) {
        assertEquals(epochs.get(frame.getString("room")), frame.getString("epoch"), "the epoch survived: " + frame.encode());
        next(frame);
        replayed += Boolean.TRUE.equals(frame.getBoolean("history")) ? 1 : 0;
      }
    }
  }

  /**
   * Reads until the rooms' seqs add up to {@code total} (every message said, once), within 20 s;
   * {@code why} says more when a message does not come.
   */
  void readAll(TestClient client, int total, Supplier<String> why) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (sum() < total) {
      assertTrue(System.nanoTime() < deadline, "missing messages: saw " + seen + " of " + total);
      JsonObject frame;
      try {
        frame = client.nextOfType("message");
      } catch (AssertionError e) {
        throw new AssertionError("saw " + seen + " of " + total + "; " + why.get(), e);
      }
      next(frame);
    }
    assertEquals(total, sum(), "every message once");
  }

  /** The messages replayed from history in the resume. */
  int replayed() {
    return replayed;
  }

  /** The seqs of the next {@code count} messages of {@code room}. */
  static List<Long> seqs(TestClient client, String room, int count) {
    List<Long> seqs = new ArrayList<>();
    while (seqs.size() < count) {
      JsonObject message = client.nextOfType("message");
      if (room.equals(message.getString("room"))) {
        seqs.add(message.getLong("seq"));
      }
    }
    return seqs;
  }

  private void next(JsonObject message) {
    String room = message.getString("room");
    assertEquals(seen.getOrDefault(room, 0L) + 1, message.getLong("seq"), "no gap, no duplicate: " + message.encode());
    seen.put(room, message.getLong("seq"));
  }

  private long sum() {
    return seen.values().stream().mapToLong(Long::longValue).sum();
  }
}
