package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal client's session: renders frames for people, keeps room streams whole
 * ({@link GapRepair}), and tracks how the session ends. With reconnection on, a lost connection, or
 * a server that says {@code bye} with {@code "reconnect":true}, is followed by new attempts (with
 * {@link Backoff}); the new connection takes the nick again and resumes every room from the last
 * seq seen, so nothing said meanwhile is missed. Frames and reconnection run on the first
 * connection's event loop; {@link #send} and {@link #quit} may be called from any thread.
 */
final class TerminalSession {

  /** How long a new connection has to send its welcome before it counts as a failed attempt. */
  static final long ANSWER_MILLIS = 3000;

  private final ServerAddress address;
  private final NetClient tcpClient;
  private final PrintWriter out;
  private final int reconnectAttempts;
  private final Backoff backoff;
  private final Context context;
  private final SeqTracker tracker;
  private final CompletableFuture<String> end = new CompletableFuture<>();
  /** The live connection; null while reconnecting. */
  private volatile ChatConnection connection;
  private GapRepair repair;
  private volatile boolean quitting;
  private volatile long quitAtMillis;
  private volatile String me;
  /** The token the user logs in with (authentication on), sent again on every reconnection; or null. */
  private volatile String token;
  /** The nick the user took (a guest nick is not taken again). */
  private String chosenNick;
  private String currentRoom;
  /** After a reconnect, until its welcome: the rooms being resumed. */
  private Set<String> resuming;
  /** A new connection whose welcome has not come yet (over UDP, sending cannot tell whether a server is there). */
  private ChatConnection unconfirmed;
  /** Which attempt {@link #unconfirmed} is, and why the session is reconnecting. */
  private int unconfirmedAttempt;
  private String reconnectingWhy;

  /**
   * @param reconnectAttempts attempts after a lost connection before giving up; 0: end at once
   */
  TerminalSession(ChatConnection first, ServerAddress address, NetClient tcpClient, PrintWriter out,
      int reconnectAttempts, Backoff backoff) {
    this.address = address;
    this.tcpClient = tcpClient;
    this.out = out;
    this.reconnectAttempts = reconnectAttempts;
    this.backoff = backoff;
    this.context = first.context();
    this.tracker = GapRepair.tracker(first.transport());
    this.connection = first;
  }

  /** Starts rendering; call before sending anything. */
  void start() {
    attach(connection);
  }

  /** Sends a line (JSON or the shorthand); while reconnecting, says it was not sent. */
  void send(String line) {
    ChatConnection live = connection;
    if (live == null) {
      print("! not connected: not sent");
    } else {
      live.send(line);
    }
  }

  void send(JsonObject frame) {
    send(frame.encode());
  }

  void quit() {
    if (quitting || end.isDone()) {
      return;
    }
    quitAtMillis = System.currentTimeMillis();
    quitting = true;
    ChatConnection live = connection;
    if (live == null) {
      end.complete("quit");
    } else {
      live.send("{\"type\":\"quit\"}");
    }
  }

  boolean ended() {
    return end.isDone();
  }

  String endReason() {
    return end.getNow("lost");
  }

  /** What was repaired, for the report at exit (read once the session ended). */
  SeqTracker.Counts repairs() {
    return tracker.counts();
  }

  /** Waits for the session to end; true when it ended without the user asking. */
  boolean awaitEnd(long quitWaitMillis) throws Exception {
    while (true) {
      try {
        end.get(100, TimeUnit.MILLISECONDS);
        return !quitting;
      } catch (TimeoutException e) {
        if (quitting && System.currentTimeMillis() - quitAtMillis > quitWaitMillis) {
          // asked to quit and the server did not answer in time: leave anyway
          return false;
        }
      }
    }
  }

  private void attach(ChatConnection live) {
    connection = live;
    repair = new GapRepair(live, tracker).frameHandler(frame -> onFrame(live, frame));
    live.closeHandler(v -> lost(live, "lost"));
  }

  private void onFrame(ChatConnection from, JsonObject frame) {
    if (from == unconfirmed && "welcome".equals(frame.getValue("type"))) {
      unconfirmed = null;
      print("* reconnected to " + address + (resuming == null || resuming.isEmpty() ? "" : "; resuming " + String.join(", ", resuming)));
    }
    String type = String.valueOf(frame.getValue("type"));
    switch (type) {
      case "ping" -> {
        from.pong(frame);
        return;
      }
      case "welcome" -> {
        me = frame.getString("nick");
        placed(from, frame.getString("room"));
      }
      case "nick" -> {
        me = frame.getString("nick");
        chosenNick = me;
      }
      case "joined" -> currentRoom = frame.getString("room");
      case "left" -> {
        if (frame.getString("room") != null && frame.getString("room").equals(currentRoom)) {
          currentRoom = null;
        }
      }
      default -> {
      }
    }
    String line = FrameRenderer.render(frame, me);
    if (line != null) {
      print(line);
    }
    if ("bye".equals(type)) {
      if (Boolean.TRUE.equals(frame.getValue("reconnect")) && reconnectAttempts > 0 && !quitting) {
        lost(from, "closed by the server (" + frame.getString("reason") + ")");
        from.close();
      } else {
        end.complete("ended by the server: " + frame.getString("reason"));
      }
    }
  }

  /** The server placed a new connection in its default room: after a reconnect, left again unless resumed. */
  private void placed(ChatConnection from, String room) {
    if (resuming == null) {
      if (currentRoom == null) {
        currentRoom = room;
      }
      return;
    }
    if (room != null && !resuming.contains(room)) {
      from.send(new JsonObject().put("type", "leave").put("room", room));
    }
    resuming = null;
  }

  private void lost(ChatConnection which, String why) {
    if (which != connection) {
      return;
    }
    if (which == unconfirmed) {
      // closed before answering (a server refusing clients, say): that attempt failed
      attemptFailed("closed before it answered");
      return;
    }
    connection = null;
    repair.stop();
    if (quitting || reconnectAttempts == 0) {
      end.complete(why);
      return;
    }
    print("* connection " + why + "; reconnecting to " + address);
    retry(1, why);
  }

  private void retry(int attempt, String why) {
    context.owner().setTimer(backoff.delayMillis(attempt), t -> {
      if (quitting) {
        end.complete(why);
        return;
      }
      address.connect(context, tcpClient).onComplete(connected -> {
        if (connected.succeeded()) {
          resume(connected.result(), attempt, why);
        } else {
          failed(attempt, why, connected.cause().getMessage());
        }
      });
    });
  }

  /** The unconfirmed connection is given up: on to the next attempt, or the end. */
  private void attemptFailed(String cause) {
    unconfirmed = null;
    connection = null;
    repair.stop();
    failed(unconfirmedAttempt, reconnectingWhy, cause);
  }

  private void failed(int attempt, String why, String cause) {
    if (quitting) {
      end.complete(why);
    } else if (attempt < reconnectAttempts) {
      retry(attempt + 1, why);
    } else {
      end.complete(why + "; gave up after " + attempt + " attempts to reconnect (" + cause + ")");
    }
  }

  /** Logs in with {@code token} now and on every reconnection. */
  void login(String token) {
    this.token = token;
    send(new JsonObject().put("type", "hello").put("token", token));
  }

  /**
   * On a new connection: the nick again, and every room from the last seq seen (the current room
   * last). The attempt succeeded once the server's welcome arrives; without it in {@link #ANSWER_MILLIS}
   * (no server there, over UDP) or if the server closes first, the next attempt follows.
   */
  private void resume(ChatConnection live, int attempt, String why) {
    JsonObject rooms = tracker.resume();
    if (currentRoom != null && rooms.containsKey(currentRoom)) {
      rooms.put(currentRoom, rooms.remove(currentRoom));
    }
    resuming = new LinkedHashSet<>(rooms.fieldNames());
    attach(live);
    JsonObject hello = new JsonObject().put("type", "hello");
    if (token != null) {
      hello.put("token", token);
    } else if (chosenNick != null) {
      hello.put("nick", chosenNick);
    }
    live.send(hello.put("resume", rooms));
    tracker.resuming(System.currentTimeMillis());
    unconfirmed = live;
    unconfirmedAttempt = attempt;
    reconnectingWhy = why;
    context.owner().setTimer(ANSWER_MILLIS, t -> {
      if (unconfirmed == live) {
        attemptFailed("no answer in " + ANSWER_MILLIS + " ms");
        live.close();
      }
    });
    if (quitting) {
      live.send("{\"type\":\"quit\"}");
    }
  }

  private void print(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
