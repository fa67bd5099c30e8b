package io.framechat.chat;

import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.Resume;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes up a room before a client enters it: its epoch and position and, in a cluster, what the
 * shared history holds. Meanwhile the client's later requests wait ({@link Requests}). On a single
 * node this completes at once. A load that fails is logged with the room and its cause, the room is
 * not taken up (the next client to enter it tries again), and the client is told
 * {@code unavailable}. A client resuming from a seq the room has not reached here yet waits for it
 * too ({@link ResumeWaits}), and so does a client entering a room whose messages wait here in order.
 */
final class HistoryLoader {

  private static final Logger LOG = Logger.getLogger(HistoryLoader.class.getName());

  private final RoomHistory history;
  private final Sequencer sequencer;
  private final Requests requests;
  private final Predicate<Client> connected;
  private final LongSupplier clock;
  private final Replies replies;
  private final ResumeWaits waits;
  private final IntSupplier resumeWaitMillis;
  private final Predicate<String> holdsBack;

  /**
   * @param resumeWaitMillis how long a resume ahead of the room here waits for it ({@code chat.resumeWaitMillis})
   * @param holdsBack whether messages of a room wait here for one before them
   */
  HistoryLoader(RoomHistory history, Sequencer sequencer, Requests requests, Predicate<Client> connected,
      LongSupplier clock, Replies replies, ResumeWaits waits, IntSupplier resumeWaitMillis,
      Predicate<String> holdsBack) {
    this.holdsBack = holdsBack;
    this.history = history;
    this.sequencer = sequencer;
    this.requests = requests;
    this.connected = connected;
    this.clock = clock;
    this.replies = replies;
    this.waits = waits;
    this.resumeWaitMillis = resumeWaitMillis;
  }

  /**
   * The same for a client entering with {@code resume} (null: not resuming): once the room is known,
   * a resume ahead of where it stands here waits until the room reaches it, or for
   * {@code chat.resumeWaitMillis} at most, before {@code then}. An entry while messages of the room
   * wait here for one before them ({@link InOrder}) waits until they are handed on: the room's
   * position already counts them, so a client entering then would have them in its replay and again
   * live. That wait ends within {@link InOrder#HOLD_MS}, when they go out past the gap. A member
   * making the room current does not wait: what it may have replayed ends where it entered.
   */
  void whenKnown(Client client, String room, Resume resume, Runnable then, Runnable failed) {
    whenKnown(client, room, () -> {
      Position at = history.position(room);
      long now = clock.getAsLong();
      int wait = resumeWaitMillis.getAsInt();
      if (wait > 0 && ResumeWaits.ahead(at, resume)) {
        requests.await(client, waits.until(room, resume, now + wait), entered -> {
          if (!entered.result()) {
            LOG.warning("room " + room + ": a resume from seq " + resume.seq() + " waited " + wait + " ms and the"
                + " room stands at " + history.position(room).seq() + " here: the client enters, told not recovered");
          }
          enter(client, then);
        });
      } else if (!client.rooms.contains(room) && holdsBack.test(room)) {
        requests.await(client, waits.until(room, new Resume(at.seq(), at.epoch()), now + 2 * InOrder.HOLD_MS),
            entered -> enter(client, then));
      } else {
        then.run();
      }
    }, failed);
  }

  private void enter(Client client, Runnable then) {
    if (connected.test(client)) {
      then.run();
    }
  }

  /**
   * Runs {@code then} once this node follows {@code room}: now if it does, else after loading it;
   * when the load fails, {@code failed} instead, then the client is told why.
   */
  void whenKnown(Client client, String room, Runnable then, Runnable failed) {
    if (history.known(room)) {
      then.run();
      return;
    }
    requests.await(client, sequencer.load(room), loaded -> {
      if (loaded.failed() && !history.known(room)) {
        LOG.log(Level.WARNING, "room " + room + " could not be taken up (its history and position): " + loaded.cause());
        if (connected.test(client)) {
          failed.run();
          replies.error(client, ErrorCode.UNAVAILABLE, "room \"" + room + "\" cannot be entered now: try again");
        }
        return;
      }
      if (!history.known(room)) {
        history.load(room, loaded.result(), clock.getAsLong());
      }
      if (connected.test(client)) {
        then.run();
      }
    });
  }
}
