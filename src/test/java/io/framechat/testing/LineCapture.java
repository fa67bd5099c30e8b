package io.framechat.testing;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** A writer whose complete lines a test can wait for. */
public final class LineCapture {

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();

  private final Writer sink = new Writer() {
    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        char c = buffer[i];
        if (c == '\n') {
          lines.add(partial.toString());
          partial.setLength(0);
        } else if (c != '\r') {
          partial.append(c);
        }
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  public PrintWriter writer() {
    return new PrintWriter(sink, true);
  }

  /**
   * Waits for lines starting with each of {@code prefixes}, in that order (other lines may come
   * between); returns the last one.
   */
  public String await(String... prefixes) {
    String match = null;
    for (String prefix : prefixes) {
      match = awaitOne(prefix);
    }
    return match;
  }

  /** The next line, whatever it is. */
  public String next() {
    return awaitOne("");
  }

  private String awaitOne(String prefix) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TestClient.TIMEOUT_MS);
    try {
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          fail("no line starting with \"" + prefix + "\"; saw " + seen);
        }
        seen.add(line);
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
