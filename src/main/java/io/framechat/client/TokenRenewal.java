package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Keeps a logged-in session alive past its token: when the server warns ({@code notice}
 * {@code token_expiring}) or says {@code token_expired}, and whenever the token file changes
 * (checked every second), a fresh token is read from the {@link TokenSource} and, if it is new,
 * sent at once as a {@code hello}. With a token given once, the warning says what to do instead.
 * Runs on the session's event loop; reading the file or running the command on a worker.
 */
final class TokenRenewal {

  static final long WATCH_MILLIS = 1000;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final TokenSource source;
  private final Context context;
  private final Consumer<String> info;
  private final Consumer<String> send;
  /** The token sent last. */
  private String current;
  private FileTime seenModified;
  private boolean reading;

  /**
   * @param info shows a line to the user
   * @param send sends a fresh token (a {@code hello}) on the live connection, and on reconnections
   */
  TokenRenewal(TokenSource source, String first, Context context, Consumer<String> info, Consumer<String> send) {
    this.source = source;
    this.current = first;
    this.context = context;
    this.info = info;
    this.send = send;
  }

  /** Watches the token file, if there is one. */
  void start() {
    if (source.file() != null) {
      seenModified = modified();
      context.owner().setPeriodic(WATCH_MILLIS, id -> {
        FileTime now = modified();
        if (now != null && !now.equals(seenModified)) {
          seenModified = now;
          renew(false);
        }
      });
    }
  }

  /** A frame from the server: a warning or an expiry starts a renewal. */
  void seen(JsonObject frame) {
    if (!TokenSource.expiring(frame)) {
      return;
    }
    if (!source.renewable()) {
      Object at = frame.getValue("expiresAt");
      info.accept("! your token " + (at instanceof Number n ? "expires at " + CLOCK.format(Instant.ofEpochMilli(
          n.longValue())) : "expired") + ": the session ends then; start the client with --token-file FILE (renewed"
          + " by another tool) or --token-command CMD to stay connected");
      return;
    }
    renew(true);
  }

  /** Reads a token; sends it if it is not the one sent last ({@code asked}: the server asked, so say if it is not new). */
  private void renew(boolean asked) {
    if (reading) {
      return;
    }
    reading = true;
    context.owner().executeBlocking(source::read, false).onComplete(read -> {
      reading = false;
      if (read.failed()) {
        info.accept("! no fresh token: " + read.cause().getMessage());
      } else if (!read.result().equals(current)) {
        current = read.result();
        send.accept(current);
      } else if (asked && source.file() != null) {
        info.accept("* the token file holds the same token: waiting for it to be renewed");
      }
    });
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(source.file());
    } catch (IOException e) {
      return null;
    }
  }
}
