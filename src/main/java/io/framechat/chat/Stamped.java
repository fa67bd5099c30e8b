package io.framechat.chat;

import io.framechat.protocol.FrameBatch;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What becomes of a message once the sequencer has numbered it: it is kept in the room's history,
 * counted for the room's recent activity, and sent to the room's members on this node (unless the
 * hub is sealed after a drain), in seq order ({@link InOrder}). A message handed over twice (a
 * new sequencer sending on what the old one did) reaches the members once. Once the members here
 * have what the room holds, resumes waiting for it go in ({@link ResumeWaits}).
 */
final class Stamped implements Sequencer.Sink {

  private final RoomHistory history;
  private final Rooms rooms;
  private final Outbox out;
  private final LongSupplier clock;
  private final BooleanSupplier sealed;
  /** The rooms with messages waiting for those before them. */
  private final Set<Room> holding = new LinkedHashSet<>();
  private final ResumeWaits waits;

  Stamped(RoomHistory history, Rooms rooms, Outbox out, LongSupplier clock, BooleanSupplier sealed,
      ResumeWaits waits) {
    this.waits = waits;
    this.history = history;
    this.rooms = rooms;
    this.out = out;
    this.clock = clock;
    this.sealed = sealed;
  }

  @Override
  public void stamped(String roomName, String epoch, long seq, Buffer body) {
    long now = clock.getAsLong();
    long known = history.lastSeq(roomName, epoch);
    history.keep(roomName, epoch, seq, now, body);
    Room room = sealed.getAsBoolean() ? null : rooms.get(roomName);
    if (room != null) {
      room.recent.add(now);
      List<Buffer> due = new ArrayList<>(1);
      room.order.offer(epoch, seq, body, known > 0 ? known + 1 : seq, now, due);
      due.forEach(message -> out.toRoom(room, message));
      noteHolding(room);
    }
    handedOn(roomName, room);
  }

  @Override
  public void stamped(String roomName, String epoch, long firstSeq, FrameBatch frames) {
    long now = clock.getAsLong();
    Room room = sealed.getAsBoolean() ? null : rooms.get(roomName);
    List<Buffer> due = room == null ? null : new ArrayList<>(frames.count());
    // the frames go out as they came unless one of them was held, dropped, or let others out
    boolean asTheyCame = true;
    for (int i = 0; i < frames.count(); i++) {
      long seq = firstSeq + i;
      long known = history.lastSeq(roomName, epoch);
      history.keep(roomName, epoch, seq, now, frames.body(i));
      if (room != null) {
        room.recent.add(now);
        room.order.offer(epoch, seq, frames.body(i), known > 0 ? known + 1 : seq, now, due);
        asTheyCame &= due.size() == i + 1;
      }
    }
    if (room != null) {
      if (asTheyCame) {
        out.toRoom(room, frames);
      } else if (!due.isEmpty()) {
        out.toRoom(room, out.encode(due));
      }
      noteHolding(room);
    }
    handedOn(roomName, room);
  }

  /** Hands on what waited longer than {@link InOrder#HOLD_MS} for the messages before it (past the gap). */
  void releaseHeld(long now) {
    if (holding.isEmpty()) {
      return;
    }
    List<Room> caughtUp = new ArrayList<>();
    for (Iterator<Room> it = holding.iterator(); it.hasNext(); ) {
      Room room = it.next();
      if (room.order.heldSince(now - InOrder.HOLD_MS)) {
        List<Buffer> due = new ArrayList<>();
        room.order.release(due);
        out.toRoom(room, out.encode(due));
      }
      if (!room.order.holding()) {
        it.remove();
        caughtUp.add(room);
      }
    }
    // after the loop: a resume let in may have requests waiting that number messages here at once
    caughtUp.forEach(room -> handedOn(room.name, room));
  }

  /** The members here have every message the room holds, unless some wait: resumes up to it may go in. */
  private void handedOn(String roomName, Room room) {
    if (waits.waitFor(roomName) && (room == null || !room.order.holding())) {
      waits.reached(roomName, history.position(roomName));
    }
  }

  private void noteHolding(Room room) {
    if (room.order.holding()) {
      holding.add(room);
    }
  }
}
