package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.Resume;
import io.framechat.protocol.ServerFrames;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sends clients what they missed from a room's history: the latest messages on {@code join}, the
 * messages after a seq on {@code resume} or {@code history}, each batch ended by a {@code recovered}
 * frame when the client asked from a seq. Replays are cut at the seq the client entered the room at
 * (later messages reach it live), so nothing comes twice and nothing falls in between.
 */
final class Replays {

  private final RoomHistory history;
  private final Outbox out;
  private final Supplier<ChatOptions> config;
  private final ChatMetrics metrics;
  private final LongSupplier clock;

  Replays(RoomHistory history, Outbox out, Supplier<ChatOptions> config, ChatMetrics metrics, LongSupplier clock) {
    this.history = history;
    this.out = out;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** After a join that put the client in the room at seq {@code at}: resume, or the latest messages. */
  void joined(Client client, String room, Resume resume, long at) {
    if (resume != null) {
      since(client, room, resume, at);
    } else {
      latest(client, room, config.get().replayOnJoin(), false);
    }
  }

  /** Every message after {@code from} up to seq {@code until}, then {@code recovered}. */
  void since(Client client, String room, Resume from, long until) {
    RoomHistory.Replay replay = history.after(room, from.seq(), until, from.epoch(), clock.getAsLong());
    metrics.replayed(replay.bodies().size());
    out.replay(client, replay.bodies(),
        ServerFrames.recovered(room, replay.complete(), Math.min(replay.latest(), until), replay.epoch()));
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
