package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.net.NetClient;

/**
 * The connection attempts of a terminal session. An attempt counts once the server's
 * {@code welcome} arrives, within {@link #ANSWER_MILLIS} (over UDP, sending cannot tell whether a
 * server is there); one that fails is followed by the next, with {@link Backoff} between them, up
 * to the attempts allowed; then the session ends saying why, in words that say what to do when the
 * cause is a known mistake (a TLS server reached without {@code --tls}, a certificate not trusted).
 * The session's event loop only.
 */
final class Attempts {

  /** How long a new connection has to send its welcome before it counts as a failed attempt. */
  static final long ANSWER_MILLIS = 3000;

  /** What an attempt needs of the session. */
  interface Session {
    /** A new connection: take it up and greet the server (the opening requests, or a resume). */
    void begin(ChatConnection live);

    /** The connection not confirmed yet is given up. */
    void drop();
  }

  private final ServerAddress address;
  private final NetClient tcpClient;
  private final Context context;
  private final int allowed;
  private final Backoff backoff;
  private final SessionEnd ending;
  private final Console console;
  private final Session session;
  /** A new connection whose welcome has not come yet; which attempt it is, and why the session is connecting. */
  private ChatConnection unconfirmed;
  private int unconfirmedAttempt;
  private String connectingWhy;

  /** @param allowed attempts before giving up (the first connection too); 0: one, and no reconnection */
  Attempts(ServerAddress address, NetClient tcpClient, Context context, int allowed, Backoff backoff,
      SessionEnd ending, Console console, Session session) {
    this.address = address;
    this.tcpClient = tcpClient;
    this.context = context;
    this.allowed = allowed;
    this.backoff = backoff;
    this.ending = ending;
    this.console = console;
    this.session = session;
  }

  /** The first connection. */
  void first() {
    attempt(1, "no server answered");
  }

  /** The connection was lost ({@code why}): connecting again, after a pause. */
  void again(String why) {
    retry(1, why);
  }

  /** Whether {@code connection} is one whose welcome has not come yet. */
  boolean unconfirmed(ChatConnection connection) {
    return connection != null && connection == unconfirmed;
  }

  /** A welcome came on {@code from}: true when it confirms the attempt in progress. */
  boolean confirmed(ChatConnection from) {
    if (from != unconfirmed) {
      return false;
    }
    unconfirmed = null;
    return true;
  }

  /** The connection not confirmed yet closed before it answered (a server refusing clients, say). */
  void closedBeforeAnswer(ChatConnection which) {
    String cause = which.closeCause();
    giveUp(cause != null ? cause : "closed before it answered");
  }

  private void retry(int attempt, String why) {
    context.owner().setTimer(backoff.delayMillis(attempt), t -> {
      if (ending.quitting()) {
        ending.end(why);
        return;
      }
      attempt(attempt, why);
    });
  }

  private void attempt(int attempt, String why) {
    address.connect(context, tcpClient).onComplete(connected -> {
      if (connected.succeeded()) {
        begin(connected.result(), attempt, why);
      } else {
        failed(attempt, why, causes(connected.cause()));
      }
    });
  }

  /** The unconfirmed connection is given up: on to the next attempt, or the end. */
  private void giveUp(String cause) {
    unconfirmed = null;
    session.drop();
    failed(unconfirmedAttempt, connectingWhy, cause);
  }

  private void failed(int attempt, String why, String cause) {
    String explained = explain(cause, address);
    boolean first = !ending.isWelcomed();
    if (ending.quitting()) {
      ending.end(why);
    } else if (attempt < allowed) {
      if (first) {
        console.info("* no server at " + address + " yet (" + explained + "); trying again");
      }
      retry(attempt + 1, why);
    } else if (first) {
      ending.noServer(address, explained, attempt);
    } else {
      ending.gaveUp(why, explained, attempt);
    }
  }

  /**
   * On a new connection, the session greets the server; the attempt succeeded once the server's
   * welcome arrives; without it in {@link #ANSWER_MILLIS}, or if the server closes first, the next
   * attempt follows.
   */
  private void begin(ChatConnection live, int attempt, String why) {
    unconfirmed = live;
    unconfirmedAttempt = attempt;
    connectingWhy = why;
    session.begin(live);
    context.owner().setTimer(ANSWER_MILLIS, t -> {
      if (unconfirmed == live) {
        giveUp("no welcome within " + ANSWER_MILLIS + " ms");
        live.close();
      }
    });
  }

  /** A failure's message, and its root cause's when that says more ("Failed to create SSL connection" does not). */
  static String causes(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure || root.getMessage() == null ? String.valueOf(failure.getMessage())
        : failure.getMessage() + ": " + root.getMessage();
  }

  /** Why a connection failed, with what to do when the cause is a known mistake. */
  static String explain(String cause, ServerAddress address) {
    String said = String.valueOf(cause);
    if (said.contains("PKIX") || said.contains("certification path")) {
      return "the server's certificate is not trusted: pass --ca FILE (or --insecure for a test server)";
    }
    if (said.contains("No subject alternative") || said.contains("No name matching")) {
      return "the server's certificate is not for " + address.host() + ": connect to a name it names (or --insecure"
          + " for a test server)";
    }
    if (!address.udp() && !address.tls().enabled()
        && (said.startsWith("no welcome within") || said.startsWith("closed before it answered"))) {
      return said + " (if the server speaks TLS: add --tls)";
    }
    return said;
  }
}
