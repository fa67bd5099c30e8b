package io.framechat.client;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code framechat client}: chat from a terminal. Full duplex: frames print as they arrive while
 * the user types. Lines go out as the plain-text shorthand ({@code /join dev}, {@code /msg bob hi},
 * {@code Q} quits). Exit code 0 after {@code Q}, {@code /quit} or end of input; 1 when the
 * connection cannot be made or is lost (with {@code --reconnect}: when it cannot be made again).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Chat from the terminal: lines you type are sent, frames print as they arrive.")
public final class ClientCommand implements Callable<Integer> {

  public static final int EXIT_LOST = 1;
  /** How long to wait for the server's bye after asking to quit. */
  static final long QUIT_WAIT_MS = 2000;

  @Mixin
  TargetOptions server = new TargetOptions();

  @Option(names = "--udp", description = "Talk over UDP (to --udp-port) instead of framed TCP (to --port).")
  boolean udp;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Log in with this token (a server with auth.mode jwt); the nick is the token's.")
  String token;

  @Option(names = "--nick", description = "Nick to take on arrival.")
  String nick;

  @Option(names = "--room", description = "Room to join on arrival.")
  String room;

  @Option(names = "--reconnect", description = "When the connection is lost (or the server, stopping, says to reconnect), "
      + "connect again and resume every room where it stopped, nick included.")
  boolean reconnect;

  @Option(names = "--reconnect-attempts", defaultValue = "10", paramLabel = "N",
      description = "With --reconnect: attempts before giving up, waiting 0.25 s, 0.5 s, 1 s... up to 8 s between them (default: ${DEFAULT-VALUE}).")
  int reconnectAttempts;

  @Spec
  CommandSpec spec;

  private final InputStream stdin;

  public ClientCommand() {
    this(System.in);
  }

  /** For tests: read lines from {@code stdin} instead of the terminal. */
  public ClientCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerAddress address = server.address(udp);
    if (reconnectAttempts < 1) {
      err.println("framechat client: --reconnect-attempts must be at least 1");
      err.flush();
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      NetClient tcpClient = vertx.createNetClient();
      ChatConnection connection;
      try {
        connection = address.connect(vertx, tcpClient).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("framechat client: cannot connect to " + address + ": " + e.getMessage());
        err.flush();
        return EXIT_LOST;
      }
      TerminalSession session = new TerminalSession(connection, address, tcpClient, out,
          reconnect ? reconnectAttempts : 0,
          new Backoff(Backoff.DEFAULT_FIRST_MILLIS, Backoff.DEFAULT_MAX_MILLIS, bound -> ThreadLocalRandom.current().nextLong(bound)));
      session.start();
      if (token != null) {
        session.login(token);
      } else if (nick != null) {
        session.send(new JsonObject().put("type", "hello").put("nick", nick));
      }
      if (room != null) {
        session.send(new JsonObject().put("type", "join").put("room", room));
      }
      if (udp && token == null && nick == null && room == null) {
        // a UDP session opens with the first datagram: ask for the room list to get the welcome
        session.send(new JsonObject().put("type", "rooms"));
      }
      readLines(session);
      boolean lost = session.awaitEnd(QUIT_WAIT_MS);
      SeqTracker.Counts repairs = session.repairs();
      if (repairs.gaps() > 0) {
        err.println("framechat client: " + RepairReport.describe(repairs));
      }
      if (lost) {
        err.println("framechat client: connection to " + address + " " + session.endReason());
      }
      err.flush();
      return lost ? EXIT_LOST : 0;
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  private void readLines(TerminalSession session) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
        String line;
        while (!session.ended() && (line = in.readLine()) != null) {
          String trimmed = line.strip();
          if (trimmed.equals("Q") || trimmed.equals("q") || trimmed.equalsIgnoreCase("/quit")) {
            session.quit();
            return;
          }
          session.send(line);
        }
      } catch (IOException e) {
        // input closed: quit as at end of input
      }
      session.quit();
    }, "framechat-client-input");
    reader.setDaemon(true);
    reader.start();
  }
}
