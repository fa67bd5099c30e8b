package io.framechat.client;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code framechat client}: chat from a terminal. In a terminal, a line editor keeps the input line
 * at the bottom while messages scroll above it, with times, colours, history of typed lines and Tab
 * completion; through a pipe or into a file, plain lines as scripts expect. Lines go out as the
 * plain-text shorthand ({@code /join dev}, {@code /msg bob hi}); {@code /help} lists the commands.
 * Exit code 0 after {@code /quit} or end of input ({@code Q} quits too: piped at once, in a terminal
 * after asking); 1 when no server answers or the connection is lost (with {@code --reconnect}: when
 * it cannot be made again).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Chat from the terminal: lines you type are sent, messages show as they arrive.")
public final class ClientCommand implements Callable<Integer> {

  public static final int EXIT_LOST = 1;
  /** How long to wait for the server's bye after asking to quit. */
  static final long QUIT_WAIT_MS = 2000;

  @Mixin
  TargetOptions server = new TargetOptions();

  @Option(names = "--udp", description = "Talk over UDP (to --udp-port) instead of framed TCP (to --port).")
  boolean udp;

  @Mixin
  TokenOptions login = new TokenOptions();

  @Option(names = "--nick", description = "Nick to take on arrival.")
  String nick;

  @Option(names = "--room", description = "Room to join on arrival.")
  String room;

  @Option(names = "--reconnect", description = "Wait for a server that is not up yet, and when the connection is lost "
      + "(or the server, stopping, says to reconnect), connect again and resume every room where it stopped, nick included.")
  boolean reconnect;

  @Option(names = "--reconnect-attempts", defaultValue = "10", paramLabel = "N",
      description = "With --reconnect: attempts before giving up, waiting 0.25 s, 0.5 s, 1 s... up to 8 s between them (default: ${DEFAULT-VALUE}).")
  int reconnectAttempts;

  @Option(names = "--no-color", description = "No colours in a terminal (also when the NO_COLOR variable is set).")
  boolean noColor;

  @Spec
  CommandSpec spec;

  private final InputStream stdin;
  private final Terminal terminal;

  public ClientCommand() {
    this(System.in, null);
  }

  /** For tests: read lines from {@code stdin} instead of the terminal (plain lines). */
  public ClientCommand(InputStream stdin) {
    this(stdin, null);
  }

  /** For tests: a terminal of the test's own (the line editor), or null for plain lines from {@code stdin}. */
  public ClientCommand(InputStream stdin, Terminal terminal) {
    this.stdin = stdin;
    this.terminal = terminal;
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
    TokenSource tokens;
    String firstToken;
    try {
      tokens = login.source();
      firstToken = tokens == null ? null : tokens.read();
    } catch (IllegalArgumentException | IOException e) {
      err.println("framechat client: " + e.getMessage());
      err.flush();
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try (Console console = openConsole(out)) {
      NetClient tcpClient = vertx.createNetClient();
      TerminalSession session = new TerminalSession(address, tcpClient, vertx.getOrCreateContext(), console,
          reconnect ? reconnectAttempts : 0,
          new Backoff(Backoff.DEFAULT_FIRST_MILLIS, Backoff.DEFAULT_MAX_MILLIS, bound -> ThreadLocalRandom.current().nextLong(bound)));
      if (tokens != null) {
        session.login(tokens, firstToken);
      } else if (nick != null) {
        session.opening(new JsonObject().put("type", "hello").put("nick", nick));
      }
      if (room != null) {
        session.opening(new JsonObject().put("type", "join").put("room", room));
      }
      session.connect();
      if (!session.awaitWelcome()) {
        err.println("framechat client: " + session.endReason());
        err.flush();
        return EXIT_LOST;
      }
      if (console.interactive()) {
        console.info("* /help lists the commands; /quit or Ctrl-D leaves");
      }
      readLines(session, console);
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

  /** The line editor in a terminal (unless it is a dumb one); plain lines otherwise. */
  @SuppressWarnings("SystemConsoleNull") // Java 17: null when not a terminal, as this means to ask
  private static boolean isConsole() {
    return System.console() != null;
  }

  private Console openConsole(PrintWriter out) throws IOException {
    boolean colour = !noColor && (System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty());
    if (terminal != null) {
      return new LineConsole(terminal, colour);
    }
    // on Java 17 (what this runs on) System.console() is null when stdin or stdout is not a terminal
    if (stdin == System.in && isConsole()) {
      Terminal system = TerminalBuilder.builder().system(true).build();
      if (!system.getType().startsWith(Terminal.TYPE_DUMB)) {
        return new LineConsole(system, colour);
      }
      system.close();
    }
    return new PlainConsole(stdin, out);
  }

  private void readLines(TerminalSession session, Console console) {
    Thread reader = new Thread(() -> {
      String line;
      while (!session.ended() && (line = console.readLine()) != null) {
        String trimmed = line.strip();
        if (trimmed.equalsIgnoreCase("/quit")) {
          break;
        } else if (trimmed.equalsIgnoreCase("/more") || trimmed.regionMatches(true, 0, "/more ", 0, 6)) {
          String room = trimmed.substring(5).strip();
          session.more(room.isEmpty() ? null : room);
        } else if (trimmed.equalsIgnoreCase("/help")) {
          console.info("* commands:");
          HelpText.lines().forEach(console::info);
        } else if (trimmed.equals("Q") || trimmed.equals("q")) {
          // piped, Q quits as it always did; typed, it may well be a message: ask
          if (!console.interactive() || console.confirm("Quit framechat?", true)) {
            break;
          }
          session.send(new JsonObject().put("type", "say").put("text", line));
        } else if (!trimmed.isEmpty()) {
          session.send(line);
        }
      }
      session.quit();
    }, "framechat-client-input");
    reader.setDaemon(true);
    reader.start();
  }
}
