package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where a client's login token comes from: given once ({@code --token}), a file read again whenever
 * it changes ({@code --token-file}: an outside tool renews it), or a command run for a fresh one
 * ({@code --token-command}, through {@code sh -c}). Reading blocks: call it off the event loop.
 */
public final class TokenSource {

  /** How long a token command may take. */
  static final long COMMAND_SECONDS = 30;

  private final String token;
  private final Path file;
  private final String command;

  private TokenSource(String token, Path file, String command) {
    this.token = token;
    this.file = file;
    this.command = command;
  }

  /** The source the options name (at most one of them), or null when none does. */
  public static TokenSource of(String token, String file, String command) {
    int given = (token != null ? 1 : 0) + (file != null ? 1 : 0) + (command != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException("give one of --token, --token-file and --token-command");
    }
    return given == 0 ? null : new TokenSource(token, file == null ? null : Path.of(file), command);
  }

  /**
   * Whether the server says the session's token is about to expire ({@code notice}
   * {@code token_expiring}) or has ({@code error} {@code token_expired}): time for a fresh one.
   */
  public static boolean expiring(JsonObject frame) {
    String type = frame.getString("type");
    return ("notice".equals(type) && "token_expiring".equals(frame.getString("code")))
        || ("error".equals(type) && "token_expired".equals(frame.getString("code")));
  }

  /** Whether a fresh token can be had again (from a file or a command). */
  public boolean renewable() {
    return token == null;
  }

  /** The file to watch, or null. */
  Path file() {
    return file;
  }

  /** The token now: the one given, the file's content, or the command's output (each stripped). */
  public String read() throws IOException {
    if (token != null) {
      return token;
    }
    if (file != null) {
      String read = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (read.isEmpty()) {
        throw new IOException("the token file " + file + " is empty");
      }
      return read;
    }
    return run();
  }

  private String run() throws IOException {
    Process process = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("the token command did not finish within " + COMMAND_SECONDS + " s");
      }
      String read = new String(out, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0 || read.isEmpty()) {
        throw new IOException("the token command exited " + process.exitValue()
            + (read.isEmpty() ? " with no token" : ""));
      }
      return read;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the token command ran", e);
    }
  }
}
