package io.framechat.client;

import picocli.CommandLine.Option;

/**
 * How a command that connects logs in (a server with {@code auth.mode} {@code jwt}): a picocli
 * mixin shared by {@code client} and {@code bots}. At most one of the three is given.
 */
public final class TokenOptions {

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Log in with this token (a server with auth.mode jwt); the nick is the token's.")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "Log in with the token in FILE, read again"
      + " whenever it changes and when the server says the token expires: a tool that renews the file keeps the"
      + " session alive.")
  String file;

  @Option(names = "--token-command", paramLabel = "CMD", description = "Log in with the token CMD prints (run with"
      + " sh -c), run again for a fresh one when the server says the token expires.")
  String command;

  /** Where tokens come from, or null when no option is given; IllegalArgumentException when several are. */
  public TokenSource source() {
    return TokenSource.of(token, file, command);
  }
}
