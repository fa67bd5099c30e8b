package io.framechat.chat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Where room messages are kept beyond this node's memory, so that they outlive it: a database
 * ({@code io.framechat.store}), or nothing ({@link #NONE}). The chat hands it every message once
 * numbered, asks it where a room stands when taking the room up, and reads from it what its memory
 * no longer holds. Writes are queued and committed in groups; reads and writes never block the
 * caller's event loop, and their futures complete on the caller's context.
 */
public interface MessageStore {

  /**
   * Where a room stands in the store: its epoch, the seq its next message takes (past every seq
   * that may have been given out before a crash), and the seqs reserved for it: every seq up to
   * {@code reserved} may be given out, and a crash goes on past them.
   */
  record Room(String epoch, long next, long reserved) {
  }

  /**
   * Messages of a room, oldest first. {@code complete}: nothing the request asked for is missing
   * (no message lost by a crash or an outage, none pruned); {@code more}: older messages are kept.
   */
  record Page(List<StoredMessage> messages, boolean complete, boolean more) {
  }

  /** Whether anything is kept: false for {@link #NONE}. */
  boolean keeps();

  /**
   * Takes a room up: where it stands, creating it under {@code newEpoch} when the store holds
   * nothing of it, with {@code ahead} seqs reserved past its next one. Seqs a crash may have given
   * out unwritten are recorded as lost, so a resume across them is told it was not recovered.
   */
  Future<Room> open(String room, String newEpoch, long ahead);

  /**
   * Where a room stands, read only (for a node that does not number it): its epoch, and the seq its
   * next message will take; null when the store holds nothing of it.
   */
  Future<Room> peek(String room);

  /**
   * Records that every seq of {@code room} up to {@code upTo} may be given out (more ahead, or,
   * for a room gone quiet, back to its last message); completes once committed. {@code now}: the
   * caller waits for it, so it is written without waiting for others.
   */
  Future<Void> reserve(String room, String epoch, long upTo, boolean now);

  /**
   * Keeps a numbered message; the future completes once it is committed (fails if it was dropped
   * from a full queue). Messages are written in the order given.
   */
  Future<Void> keep(StoredMessage message);

  /**
   * Keeps a numbered message that nobody waits for ({@code store.durability} {@code batch}): as
   * {@link #keep}, without the future (one dropped from a full queue is counted as lost all the same).
   */
  default void keepLater(StoredMessage message) {
    keep(message);
  }

  /** Messages of {@code room} under {@code epoch} after seq {@code after} up to {@code until}, at most {@code limit}. */
  Future<Page> after(String room, String epoch, long after, long until, int limit);

  /** The {@code limit} messages of {@code room} under {@code epoch} just before seq {@code before}. */
  Future<Page> before(String room, String epoch, long before, int limit);

  /**
   * A room standing at {@code stands} as memory holds it: its latest {@code size} messages, stamped,
   * and its latest seq (the one before its next).
   */
  default Future<HistorySlice> latest(String room, Room stands, int size) {
    Future<Page> latest = size == 0 || stands.next() == 1 ? Future.succeededFuture(new Page(List.of(), true, false))
        : before(room, stands.epoch(), stands.next(), size);
    return latest.map(page -> {
      List<Buffer> bodies = new ArrayList<>(page.messages().size());
      page.messages().forEach(message -> bodies.add(message.body()));
      long first = page.messages().isEmpty() ? stands.next() : page.messages().get(0).seq();
      return new HistorySlice(stands.epoch(), first, stands.next() - 1, bodies);
    });
  }

  /** Where people's read positions are kept beside the history; null when nothing is kept (memory keeps them). */
  default ReadPositions readPositions() {
    return null;
  }

  /** The store's state for {@code /health}: its kind, whether it is reachable, and how far behind it is. */
  JsonObject status();

  /** Writes what waits and records where each room stands, so that a restart goes on with no gap. */
  Future<Void> close();

  /** Keeps nothing: history lives in memory only. */
  MessageStore NONE = new MessageStore() {
    @Override
    public boolean keeps() {
      return false;
    }

    @Override
    public Future<Room> open(String room, String newEpoch, long ahead) {
      return Future.succeededFuture(new Room(newEpoch, 1, Long.MAX_VALUE));
    }

    @Override
    public Future<Room> peek(String room) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> reserve(String room, String epoch, long upTo, boolean now) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> keep(StoredMessage message) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Page> after(String room, String epoch, long after, long until, int limit) {
      return Future.succeededFuture(new Page(List.of(), false, false));
    }

    @Override
    public Future<Page> before(String room, String epoch, long before, int limit) {
      return Future.succeededFuture(new Page(List.of(), false, false));
    }

    @Override
    public JsonObject status() {
      return new JsonObject().put("kind", "memory");
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };
}
