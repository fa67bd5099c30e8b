package io.framechat.chat;

import io.framechat.protocol.FrameBatch;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What becomes of a message once the sequencer has numbered it: it is kept in the room's history,
 * counted for the room's recent activity, and sent to the room's members on this node (unless the
 * hub is sealed after a drain). A message handed over twice (a new sequencer sending on what the
 * old one did) reaches the members once.
 */
final class Stamped implements Sequencer.Sink {

  private final RoomHistory history;
  private final Rooms rooms;
  private final Outbox out;
  private final LongSupplier clock;
  private final BooleanSupplier sealed;

  Stamped(RoomHistory history, Rooms rooms, Outbox out, LongSupplier clock, BooleanSupplier sealed) {
    this.history = history;
    this.rooms = rooms;
    this.out = out;
    this.clock = clock;
    this.sealed = sealed;
  }

  @Override
  public void stamped(String roomName, String epoch, long seq, Buffer body) {
    long now = clock.getAsLong();
    history.keep(roomName, epoch, seq, now, body);
    Room room = sealed.getAsBoolean() ? null : rooms.get(roomName);
    if (room != null) {
      room.recent.add(now);
      out.toRoom(room, body);
    }
  }

  @Override
  public void stamped(String roomName, String epoch, long firstSeq, FrameBatch frames) {
    long now = clock.getAsLong();
    List<Buffer> fresh = null;
    for (int i = 0; i < frames.count(); i++) {
      boolean isNew = history.keep(roomName, epoch, firstSeq + i, now, frames.body(i));
      if (!isNew && fresh == null) {
        fresh = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          fresh.add(frames.body(j));
        }
      } else if (isNew && fresh != null) {
        fresh.add(frames.body(i));
      }
    }
    Room room = sealed.getAsBoolean() ? null : rooms.get(roomName);
    if (room != null) {
      for (int i = 0; i < frames.count(); i++) {
        room.recent.add(now);
      }
    }
    if (room != null && fresh == null) {
      out.toRoom(room, frames);
    } else if (room != null && !fresh.isEmpty()) {
      // some were here already (sent on again by a new sequencer): the members get the others only
      out.toRoom(room, out.encode(fresh));
    }
  }

}
