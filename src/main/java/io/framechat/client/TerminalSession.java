package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;

/**
 * The terminal client's session: connects, shows frames for people ({@link Console}), keeps room
 * streams whole ({@link GapRepair}), and tracks how the session ends. A connection counts once the
 * server's {@code welcome} arrives ({@link Attempts}). With reconnection on, a server not there yet, a lost connection, or
 * a server that says {@code bye} with {@code "reconnect":true} is followed by new attempts (with
 * {@link Backoff}); a new connection takes the nick again and resumes every room from the last seq
 * seen, so nothing said meanwhile is missed. With token logins, the login is kept alive
 * ({@link TokenRenewal}) and what is read is told ({@link Unread}). Frames and reconnection run on {@code context}'s
 * event loop; {@link #send} and {@link #quit} may be called from any thread. After {@link #quit}
 * nothing more is sent.
 */
final class TerminalSession {

  private final ServerAddress address;
  private final Console console;
  private final int reconnectAttempts;
  private final Attempts attempts;
  private final Context context;
  private final SeqTracker tracker;
  private final SessionEnd ending = new SessionEnd();
  /** The live connection; null while (re)connecting. */
  private volatile ChatConnection connection;
  private volatile GapRepair repair;
  private volatile String me;
  private final Resumption resumption = new Resumption();
  private final Scrollback scrollback = new Scrollback();
  private final Unread unread;
  private TokenRenewal renewal;
  private String currentRoom;

  /**
   * @param reconnectAttempts attempts at connecting (the first connection too) before giving up;
   *     0: one attempt, and the session ends with the first connection
   */
  TerminalSession(ServerAddress address, NetClient tcpClient, Context context, Console console,
      int reconnectAttempts, Backoff backoff) {
    this.address = address;
    this.console = console;
    this.reconnectAttempts = reconnectAttempts;
    this.context = context;
    this.attempts = new Attempts(address, tcpClient, context, reconnectAttempts, backoff, ending, console,
        new Attempts.Session() {
          @Override
          public void begin(ChatConnection live) {
            attach(live);
            resumption.greet(live, !ending.isWelcomed(), address.udp(), tracker, repair, currentRoom);
            if (ending.quitting()) {
              live.send("{\"type\":\"quit\"}");
            }
          }

          @Override
          public void drop() {
            connection = null;
            repair.stop();
          }
        });
    this.tracker = GapRepair.tracker(address.udp() ? "udp" : address.transport());
    this.unread = new Unread(context, this::send);
  }

  /** A request for the first connection to send first (a {@code hello}, a {@code join}); call before {@link #connect}. */
  void opening(JsonObject request) {
    resumption.opening(request);
  }

  /**
   * Logs in with the token {@code first} read from {@code source}, on the first connection and on
   * every reconnection, and keeps the login alive with fresh ones from it ({@link TokenRenewal});
   * call before {@link #connect}.
   */
  void login(TokenSource source, String first) {
    resumption.login(first);
    renewal = new TokenRenewal(source, first, context, console::info, token -> {
      resumption.renewed(token);
      send(new JsonObject().put("type", "hello").put("token", token));
    });
    context.runOnContext(v -> renewal.start());
  }

  /** Connects; {@link #awaitWelcome} tells whether a server answered. */
  void connect() {
    context.runOnContext(v -> attempts.first());
  }

  /** Waits until the first welcome (true) or the end of the session (false: no server answered). */
  boolean awaitWelcome() {
    return ending.awaitWelcome();
  }

  /** Sends a line (JSON or the shorthand); while reconnecting, says it was not sent. */
  void send(String line) {
    if (ending.quitting()) {
      return;
    }
    ChatConnection live = connection;
    if (live == null) {
      console.info("! not connected: not sent");
    } else {
      live.send(line);
    }
  }

  void send(JsonObject frame) {
    send(frame.encode());
  }

  /** {@code /more}: the page before the oldest message of {@code room} (null: the current room) shown. */
  void more(String room) {
    context.runOnContext(v -> scrollback.more(room == null ? currentRoom : room, this::send, console::info));
  }

  /**
   * Says {@code quit}, and nothing after it: no repair request, no pong (on the event loop, where
   * repair requests are sent, so none can slip in after it).
   */
  void quit() {
    if (!ending.quit()) {
      return;
    }
    context.runOnContext(v -> {
      GapRepair live = repair;
      if (live != null) {
        live.stop();
      }
      ChatConnection open = connection;
      if (open == null) {
        ending.end("quit");
      } else {
        open.send("{\"type\":\"quit\"}");
      }
    });
  }

  boolean ended() {
    return ending.ended();
  }

  String endReason() {
    return ending.reason();
  }

  /** What was repaired, for the report at exit (read once the session ended). */
  SeqTracker.Counts repairs() {
    return tracker.counts();
  }

  /** Waits for the session to end; true when it ended without the user asking. */
  boolean awaitEnd(long quitWaitMillis) throws Exception {
    return ending.await(quitWaitMillis);
  }

  private void attach(ChatConnection live) {
    connection = live;
    repair = new GapRepair(live, tracker).frameHandler(frame -> onFrame(live, frame));
    live.closeHandler(v -> lost(live, "lost"));
  }

  private void onFrame(ChatConnection from, JsonObject frame) {
    String type = String.valueOf(frame.getValue("type"));
    if ("welcome".equals(type) && attempts.confirmed(from)) {
      if (ending.isWelcomed()) {
        console.info("* reconnected to " + address
            + (resumption.rooms().isEmpty() ? "" : "; resuming " + String.join(", ", resumption.rooms())));
      }
      ending.welcomed();
    }
    unread.seen(frame);
    switch (type) {
      case "ping" -> {
        if (!ending.quitting()) {
          from.pong(frame);
        }
        return;
      }
      case "pong" -> {
        if (Resumption.answersOpening(frame)) {
          return;
        }
      }
      case "welcome" -> {
        me = frame.getString("nick");
        if (resumption.placedIn(frame.getString("room"), from) && currentRoom == null) {
          room(frame.getString("room"));
        }
      }
      case "nick" -> {
        me = frame.getString("nick");
        resumption.nickTaken(me);
      }
      case "joined" -> room(frame.getString("room"));
      case "left" -> {
        if (frame.getString("room") != null && frame.getString("room").equals(currentRoom)) {
          room(null);
        }
      }
      case "recovered" -> {
        if (resumption.tookNotRecovered(frame, console::info)) {
          return;
        }
      }
      default -> {
      }
    }
    scrollback.shown(frame);
    console.show(frame, me);
    if (renewal != null) {
      renewal.seen(frame); // after the warning shows: what the renewal says comes below it
    }
    if ("welcome".equals(type) && "jwt".equals(frame.getString("auth")) && renewal == null) {
      console.info("! this server needs a login: start the client with --token, --token-file or --token-command");
    }
    if ("bye".equals(type)) {
      boolean comeBack = Boolean.TRUE.equals(frame.getValue("reconnect"));
      if (comeBack && reconnectAttempts > 0 && !ending.quitting()) {
        lost(from, "closed by the server (" + frame.getString("reason") + ")");
        from.close();
      } else if (comeBack && !ending.quitting()) {
        console.info("* the server stopped cleanly and asks clients to come back: with --reconnect this client"
            + " does so by itself");
        ending.endCleanly("ended by the server: " + frame.getString("reason"));
      } else {
        ending.end("ended by the server: " + frame.getString("reason"));
      }
    }
  }

  private void room(String room) {
    currentRoom = room;
    console.currentRoom(room);
    unread.inView(room);
  }

  private void lost(ChatConnection which, String why) {
    if (which != connection) {
      return;
    }
    if (attempts.unconfirmed(which)) {
      attempts.closedBeforeAnswer(which);
      return;
    }
    connection = null;
    repair.stop();
    if (ending.quitting() || reconnectAttempts == 0) {
      ending.end(why);
      return;
    }
    console.info("* connection " + why + "; reconnecting to " + address);
    attempts.again(why);
  }
}
