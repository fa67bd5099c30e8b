package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Plain lines in and out, as scripts expect: one line per frame ({@link FrameRenderer}), no colour, no time. */
final class PlainConsole implements Console {

  private final BufferedReader in;
  private final PrintWriter out;

  PlainConsole(InputStream in, PrintWriter out) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
  }

  @Override
  public void show(JsonObject frame, String me) {
    String line = FrameRenderer.render(frame, me);
    if (line != null) {
      info(line);
    }
  }

  @Override
  public void info(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      return null; // input closed: as at its end
    }
  }

  @Override
  public boolean confirm(String question, boolean otherwise) {
    return otherwise;
  }

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public void close() {
    out.flush();
  }
}
