package io.framechat.client;

import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code framechat client}: chat from a terminal. Full duplex: frames print as they arrive while
 * the user types. Lines go out as the plain-text shorthand ({@code /join dev}, {@code /msg bob hi},
 * {@code Q} quits). Exit code 0 after {@code Q}, {@code /quit} or end of input; 1 when the
 * connection cannot be made or is lost.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Chat from the terminal: lines you type are sent, frames print as they arrive.")
public final class ClientCommand implements Callable<Integer> {

  public static final int EXIT_LOST = 1;
  /** How long to wait for the server's bye after asking to quit. */
  static final long QUIT_WAIT_MS = 2000;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", description = "Server port (default: 9001 for TCP, 9000 with --udp).")
  Integer port;

  @Option(names = "--udp", description = "Talk over UDP instead of framed TCP.")
  boolean udp;

  @Option(names = "--nick", description = "Nick to take on arrival.")
  String nick;

  @Option(names = "--room", description = "Room to join on arrival.")
  String room;

  @Option(names = "--byte-order", defaultValue = "big", description = "TCP header byte order: big or little (default: ${DEFAULT-VALUE}).")
  String byteOrder;

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
    ServerAddress address = new ServerAddress(udp, host, port != null ? port : udp ? 9000 : 9001,
        HeaderByteOrder.fromConfig(byteOrder));
    Vertx vertx = Vertx.vertx();
    try {
      ChatConnection connection;
      try {
        connection = address.connect(vertx, vertx.createNetClient()).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("framechat client: cannot connect to " + address + ": " + e.getMessage());
        err.flush();
        return EXIT_LOST;
      }
      Session session = new Session(connection, out);
      session.start();
      if (nick != null) {
        connection.send(new JsonObject().put("type", "hello").put("nick", nick));
      }
      if (room != null) {
        connection.send(new JsonObject().put("type", "join").put("room", room));
      }
      if (udp && nick == null && room == null) {
        // a UDP session opens with the first datagram: ask for the room list to get the welcome
        connection.send(new JsonObject().put("type", "rooms"));
      }
      readLines(session);
      boolean lost = session.awaitEnd();
      session.reportRepairs(err);
      if (lost) {
        err.println("framechat client: connection to " + address + " " + session.endReason());
        err.flush();
        return EXIT_LOST;
      }
      return 0;
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  private void readLines(Session session) {
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

  /** The live connection: renders frames and tracks how the session ends. */
  private static final class Session {
    private final ChatConnection connection;
    private final PrintWriter out;
    private final CompletableFuture<String> end = new CompletableFuture<>();
    private volatile boolean quitting;
    private volatile long quitAtMillis;
    private volatile String me;
    private GapRepair repair;

    Session(ChatConnection connection, PrintWriter out) {
      this.connection = connection;
      this.out = out;
    }

    void start() {
      repair = new GapRepair(connection).frameHandler(frame -> {
        String type = frame.getString("type");
        if ("ping".equals(type)) {
          connection.pong(frame);
          return;
        }
        if ("welcome".equals(type) || "nick".equals(type)) {
          me = frame.getString("nick");
        }
        String line = FrameRenderer.render(frame, me);
        if (line != null) {
          out.println(line);
          out.flush();
        }
        if ("bye".equals(type)) {
          end.complete("ended by the server: " + frame.getString("reason"));
        }
      });
      connection.closeHandler(v -> end.complete("lost"));
    }

    void send(String line) {
      connection.send(line);
    }

    void quit() {
      if (!quitting && !end.isDone()) {
        quitAtMillis = System.currentTimeMillis();
        quitting = true;
        connection.send("{\"type\":\"quit\"}");
      }
    }

    /** Says how many missing room messages were fetched again (lost datagrams, mostly). */
    void reportRepairs(PrintWriter err) {
      SeqTracker.Counts counts = repair.tracker().counts();
      if (counts.gaps() > 0) {
        err.println("framechat client: " + RepairReport.describe(counts));
        err.flush();
      }
    }

    boolean ended() {
      return end.isDone();
    }

    String endReason() {
      return end.getNow("lost");
    }

    /** Waits for the session to end; true when it ended without the user asking. */
    boolean awaitEnd() throws Exception {
      while (true) {
        try {
          end.get(100, TimeUnit.MILLISECONDS);
          return !quitting;
        } catch (TimeoutException e) {
          if (quitting && System.currentTimeMillis() - quitAtMillis > QUIT_WAIT_MS) {
            // asked to quit and the server did not answer in time: leave anyway
            return false;
          }
        }
      }
    }
  }
}
