package io.framechat.client;

import io.framechat.server.FramechatServer;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client in a terminal (a JLine terminal over pipes, as a pseudo-terminal would be, of type
 * xterm-256color): what arrives while a line is half typed is printed above it, and the line goes on
 * unbroken.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TerminalClientTest {

  private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>]|\r");

  /** What the terminal shows, as it grows; waiting on it waits for output, not for time. */
  private static final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    /** Everything shown so far, escape sequences taken out. */
    synchronized String text() {
      return ESCAPES.matcher(bytes.toString(StandardCharsets.UTF_8)).replaceAll("");
    }

    /** Waits until the screen holds {@code expected} after position {@code from}; returns where it ends. */
    synchronized int await(String expected, int from) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 15_000;
      while (true) {
        int at = text().indexOf(expected, from);
        if (at >= 0) {
          return at + expected.length();
        }
        long left = deadline - System.currentTimeMillis();
        assertTrue(left > 0, "the screen never showed \"" + expected + "\"; it shows:\n" + text().substring(from));
        wait(left);
      }
    }
  }

  @Test
  @DisplayName("a message arriving while a line is half typed goes above it; the line stays whole, is sent whole, and shows once, marked as mine")
  void incoming_message_does_not_break_the_typed_line(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob");
    PipedOutputStream keys = new PipedOutputStream();
    Screen screen = new Screen();
    Terminal terminal = TerminalBuilder.builder().system(false).streams(new PipedInputStream(keys), screen)
        .type("xterm-256color").size(new Size(120, 40)).encoding(StandardCharsets.UTF_8).build();
    StringWriter err = new StringWriter();
    picocli.CommandLine client = new picocli.CommandLine(new ClientCommand(null, terminal));
    client.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> exit.complete(client.execute("--port", String.valueOf(server.tcpPort()),
        "--nick", "ann", "--no-color")), "terminal-client");
    thread.setDaemon(true);
    thread.start();

    int at = screen.await("you are now ann", 0);
    at = screen.await("[lobby]> ", at);
    type(keys, "I am typing a long sente");
    at = screen.await("I am typing a long sente", at);
    bob.send("interrupting you");
    at = screen.await("[lobby] bob: interrupting you", at);
    // the half-typed line is drawn again below the message, prompt and all
    at = screen.await("[lobby]> I am typing a long sente", at);
    type(keys, "nce now\r");
    JsonObject said = bob.nextOfType("message");
    while (!"ann".equals(said.getString("from"))) {
      said = bob.nextOfType("message");
    }
    assertEquals("I am typing a long sentence now", said.getString("text"));
    at = screen.await("[lobby] » ann: I am typing a long sentence now", at);
    assertTrue(screen.text().matches("(?s).*\\d\\d:\\d\\d \\[lobby\\] bob: interrupting you.*"), "lines carry the time");

    type(keys, "/help\r");
    at = screen.await("/msg NICK TEXT", at);
    type(keys, "q\r");
    screen.await("Quit framechat? [y/N]", at);
    type(keys, "y\r");
    assertEquals(0, exit.get(20, TimeUnit.SECONDS), err.toString());
    assertEquals("ann", bob.nextPresence("leave").getString("nick"));
  }

  @Test
  @DisplayName("with --room dev the prompt names dev on every start (ten starts), not the room the welcome placed it in")
  void prompt_names_the_room_joined(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    for (int start = 1; start <= 10; start++) {
      PipedOutputStream keys = new PipedOutputStream();
      Screen screen = new Screen();
      Terminal terminal = TerminalBuilder.builder().system(false).streams(new PipedInputStream(keys), screen)
          .type("xterm-256color").size(new Size(120, 40)).encoding(StandardCharsets.UTF_8).build();
      picocli.CommandLine client = new picocli.CommandLine(new ClientCommand(null, terminal));
      client.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(new StringWriter()));
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Thread thread = new Thread(() -> exit.complete(client.execute("--port", String.valueOf(server.tcpPort()),
          "--room", "dev", "--no-color")), "terminal-client-" + start);
      thread.setDaemon(true);
      thread.start();
      int at = screen.await("* joined dev", 0);
      type(keys, "typed" + start);
      screen.await("[dev]> typed" + start, at);
      type(keys, "\u0015/quit\r"); // Ctrl-U clears the line
      assertEquals(0, exit.get(20, TimeUnit.SECONDS), "start " + start);
    }
  }

  private static void type(PipedOutputStream keys, String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }
}
