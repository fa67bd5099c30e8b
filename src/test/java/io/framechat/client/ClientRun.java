package io.framechat.client;

import io.framechat.testing.LineCapture;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of {@code framechat client ...} on its own thread, its stdin a pipe the test types into. */
final class ClientRun {
  final PipedOutputStream keyboard = new PipedOutputStream();
  final LineCapture out = new LineCapture();
  final LineCapture err = new LineCapture();
  final CompletableFuture<Integer> exit = new CompletableFuture<>();

  ClientRun(String... args) throws IOException {
    PipedInputStream stdin = new PipedInputStream(keyboard);
    picocli.CommandLine client = new picocli.CommandLine(new ClientCommand(stdin));
    client.setOut(out.writer()).setErr(err.writer());
    Thread thread = new Thread(() -> exit.complete(client.execute(args)), "client-under-test");
    thread.setDaemon(true);
    thread.start();
  }

  void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  int awaitExit() throws Exception {
    return exit.get(20, TimeUnit.SECONDS);
  }
}
