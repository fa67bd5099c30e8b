package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.Resume;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sends clients what they missed from a room's history: the latest messages on {@code join}, the
 * messages after a seq on {@code resume} or {@code history}, a page before a seq ({@code before},
 * scrollback), each ended by a {@code recovered} frame when the client asked from a seq. Memory
 * ({@link RoomHistory}) answers what it holds; what it no longer holds comes from the
 * {@link MessageStore}. Replays are cut at the seq the client entered the room at (later messages
 * reach it live); a resume that needs the store reads it before the client enters, so its replay
 * still comes before anything live.
 */
final class Replays {

  private static final Logger LOG = Logger.getLogger(Replays.class.getName());

  private final RoomHistory history;
  private final Outbox out;
  private final Supplier<ChatOptions> config;
  private final ChatMetrics metrics;
  private final LongSupplier clock;
  private final MessageStore store;
  private final IntSupplier resumeMax;
  private final Requests requests;
  private final Replies replies;
  private final Predicate<Client> connected;
  private final Reading reading;

  /** @param reading adds the person's read position to the {@code recovered} that ends a resume */
  Replays(RoomHistory history, Outbox out, Supplier<ChatOptions> config, ChatMetrics metrics, LongSupplier clock,
      MessageStore store, IntSupplier resumeMax, Requests requests, Replies replies, Predicate<Client> connected,
      Reading reading) {
    this.reading = reading;
    this.history = history;
    this.out = out;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.store = store;
    this.resumeMax = resumeMax;
    this.requests = requests;
    this.replies = replies;
    this.connected = connected;
  }

  /** Whether a replay from {@code from} reaches past what memory holds of the room, into the store. */
  boolean needsStore(String room, Resume from) {
    if (!store.keeps()) {
      return false;
    }
    Position at = history.position(room);
    if (at.epoch() == null || (from.epoch() != null && !from.epoch().equals(at.epoch())) || from.seq() >= at.seq()) {
      return false;
    }
    long oldest = history.oldestSeq(room);
    return oldest == 0 || oldest > from.seq() + 1;
  }

  /**
   * Reads what a resume of {@code room} needs from the store, then runs {@code enter} with it (with
   * null when the store could not be read: the replay then says what memory holds, not recovered).
   * Meanwhile the client's later requests wait.
   */
  void readFirst(Client client, String room, Resume from, Consumer<MessageStore.Page> enter) {
    Position at = history.position(room);
    requests.await(client, store.after(room, at.epoch(), from.seq(), at.seq(), resumeMax.getAsInt()), read -> {
      if (read.failed()) {
        LOG.warning("room " + room + ": the store could not be read for a resume (" + read.cause().getMessage()
            + "): the client gets what memory holds");
      }
      if (connected.test(client)) {
        enter.accept(read.succeeded() ? read.result() : null);
      }
    });
  }

  /**
   * After a join that put the client in the room at seq {@code at}: resume (with what the store
   * gave, if it was read first), or the latest messages.
   */
  void joined(Client client, String room, Resume resume, long at, MessageStore.Page stored) {
    if (resume == null) {
      latest(client, room, config.get().replayOnJoin(), false);
    } else if (stored != null) {
      withStored(client, room, resume, stored, at);
    } else {
      since(client, room, resume, at);
    }
  }

  /** The store's page, then what memory holds after it up to {@code until}, then {@code recovered}. */
  private void withStored(Client client, String room, Resume from, MessageStore.Page stored, long until) {
    List<Buffer> bodies = new ArrayList<>();
    long last = from.seq();
    for (StoredMessage message : stored.messages()) {
      bodies.add(message.body());
      last = message.seq();
    }
    RoomHistory.Replay rest = history.after(room, last, until, from.epoch(), clock.getAsLong());
    bodies.addAll(rest.bodies());
    metrics.replayed(bodies.size());
    boolean complete = stored.complete() && !stored.more() && rest.complete();
    out.replay(client, bodies, reading.annotate(client, room,
        ServerFrames.recovered(room, complete, Math.min(rest.latest(), until), rest.epoch())));
  }

  /**
   * Every message after {@code from} up to seq {@code until}, then {@code recovered}: from memory,
   * or, when memory no longer holds the first of them, from the store (the client's later requests
   * wait for it; a held room's live messages may come first, as history copies are marked).
   */
  void since(Client client, String room, Resume from, long until) {
    if (needsStore(room, from)) {
      Position at = history.position(room);
      Future<MessageStore.Page> read = store.after(room, at.epoch(), from.seq(), Math.min(until, at.seq()),
          resumeMax.getAsInt());
      requests.await(client, read, done -> {
        if (!connected.test(client)) {
          return;
        }
        if (done.failed()) {
          storeFailed(client, room, done.cause());
        } else {
          withStored(client, room, from, done.result(), until);
        }
      });
      return;
    }
    RoomHistory.Replay replay = history.after(room, from.seq(), until, from.epoch(), clock.getAsLong());
    metrics.replayed(replay.bodies().size());
    out.replay(client, replay.bodies(),
        reading.annotate(client, room,
            ServerFrames.recovered(room, replay.complete(), Math.min(replay.latest(), until), replay.epoch())));
  }

  /**
   * Scrollback: the {@code limit} messages just before {@code before} (at most
   * {@code chat.historyPageMax}), oldest first, then {@code recovered} with the oldest seq sent and
   * whether older ones are kept.
   */
  void before(Client client, String room, Resume before, int limit) {
    Position at = history.position(room);
    int page = Math.min(limit, config.get().historyPageMax());
    if (at.epoch() == null || (before.epoch() != null && !before.epoch().equals(at.epoch()))) {
      out.replay(client, List.of(), ServerFrames.recovered(room, false, at.seq(), at.epoch(), 0, false));
      return;
    }
    if (!store.keeps()) {
      // memory only (in a cluster without a store, what the node holds): a page of what it has
      RoomHistory.Replay all = history.after(room, 0, before.seq() - 1, at.epoch(), clock.getAsLong());
      List<Buffer> bodies = all.bodies();
      int from = Math.max(0, bodies.size() - page);
      List<Buffer> sent = bodies.subList(from, bodies.size());
      long first = sent.isEmpty() ? 0 : new JsonObject(sent.get(0)).getLong("seq");
      metrics.replayed(sent.size());
      // memory holds a room's latest messages in order: what it has is whole; older ones are gone with it
      out.replay(client, sent, ServerFrames.recovered(room, true, at.seq(), at.epoch(), first, from > 0));
      return;
    }
    requests.await(client, store.before(room, at.epoch(), before.seq(), page), done -> {
      if (!connected.test(client)) {
        return;
      }
      if (done.failed()) {
        storeFailed(client, room, done.cause());
        return;
      }
      MessageStore.Page found = done.result();
      List<Buffer> bodies = new ArrayList<>(found.messages().size());
      found.messages().forEach(message -> bodies.add(message.body()));
      long first = found.messages().isEmpty() ? 0 : found.messages().get(0).seq();
      metrics.replayed(bodies.size());
      out.replay(client, bodies, ServerFrames.recovered(room, found.complete(), at.seq(), at.epoch(), first,
          found.more()));
    });
  }

  private void storeFailed(Client client, String room, Throwable cause) {
    LOG.warning("room " + room + ": the store could not be read for a history request: " + cause.getMessage());
    replies.error(client, ErrorCode.STORE_UNAVAILABLE, "the history of room \"" + room
        + "\" beyond the latest messages cannot be read now: try again");
  }

  /** The latest {@code count} messages (at most {@code chat.historySize}), and {@code recovered} if asked. */
  void latest(Client client, String room, int count, boolean ended) {
    if (count <= 0 && !ended) {
      return;
    }
    RoomHistory.Replay replay = history.latest(room, count, clock.getAsLong());
    metrics.replayed(replay.bodies().size());
    out.replay(client, replay.bodies(),
        ended ? ServerFrames.recovered(room, true, replay.latest(), replay.epoch()) : null);
  }
}
