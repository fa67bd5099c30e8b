package io.framechat.chat;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each person's read positions are kept, per room: the seq read up to, under the room's epoch
 * (a position under another epoch counts as nothing read). A database keeps them with the history
 * ({@code io.framechat.store}); without one, {@link #inMemory()} does, for as long as the process
 * lives. Positions only move forward; writes are queued and never block the caller.
 */
public interface ReadPositions {

  /** How far a person has read a room: up to {@code seq} of {@code epoch}. */
  record Mark(String epoch, long seq) {
  }

  /** At most this many rooms' positions are kept, and loaded, per person (the most recently moved). */
  int MAX_ROOMS_PER_PERSON = 1000;

  /** The positions of a person, room by room (empty when none is kept). */
  Future<Map<String, Mark>> of(String subject);

  /** Records a position that moved forward (a failure is counted and logged by the store, not the caller's). */
  void advance(String subject, String room, Mark mark);

  /** Positions kept in this process's memory: each person's latest {@link #MAX_ROOMS_PER_PERSON} rooms. */
  static ReadPositions inMemory() {
    Map<String, Map<String, Mark>> kept = new HashMap<>();
    return new ReadPositions() {
      @Override
      public Future<Map<String, Mark>> of(String subject) {
        Map<String, Mark> rooms = kept.get(subject);
        return Future.succeededFuture(rooms == null ? Map.of() : Map.copyOf(rooms));
      }

      @Override
      public void advance(String subject, String room, Mark mark) {
        Map<String, Mark> rooms = kept.computeIfAbsent(subject, s -> new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Mark> eldest) {
            return size() > MAX_ROOMS_PER_PERSON;
          }
        });
        rooms.put(room, mark);
      }
    };
  }
}
