package io.framechat.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat page's files ({@code webroot/} in the jar), read once when the HTTP verticle starts and
 * served from memory: a handful of small files, so no file-system lookup per request, and any other
 * path is not the page's (the next route answers it).
 */
final class PageFiles {

  static final String WEBROOT = "webroot";
  /** Every file of the page; {@code /} is the first. */
  static final List<String> NAMES = List.of("index.html", "style.css", "app.js", "connection.js", "page.js",
      "rooms.js", "server.js", "session.js", "lists.js", "typing.js", "view.js", "words.js", "settings.js",
      "scroll.js", "favicon.svg");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=UTF-8", "css", "text/css; charset=UTF-8", "js", "text/javascript; charset=UTF-8",
      "svg", "image/svg+xml");

  /**
   * What the page may do: load scripts and styles from the server's own origin only, connect only to
   * it (its WebSocket), and be shown in no frame (so no other page can overlay it).
   */
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

  private final Map<String, Buffer> files = new HashMap<>();

  private PageFiles() {
  }

  /** Reads the files from the class path (blocking: call off the event loop). */
  static PageFiles load() {
    PageFiles page = new PageFiles();
    ClassLoader loader = PageFiles.class.getClassLoader();
    for (String name : NAMES) {
      try (InputStream in = loader.getResourceAsStream(WEBROOT + "/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the page's " + name + " is not in the jar");
        }
        page.files.put("/" + name, Buffer.buffer(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    page.files.put("/", page.files.get("/" + NAMES.get(0)));
    return page;
  }

  /** Serves a file of the page (GET or HEAD), or passes the request on. */
  void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    Buffer file = files.get(path);
    if (file == null) {
      ctx.next();
      return;
    }
    String name = path.equals("/") ? NAMES.get(0) : path;
    HttpServerResponse response = ctx.response()
        .putHeader("content-type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
        .putHeader("cache-control", "no-cache")
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("content-security-policy", POLICY)
        .putHeader("referrer-policy", "no-referrer");
    if (HttpMethod.HEAD.equals(ctx.request().method())) {
      response.putHeader("content-length", String.valueOf(file.length())).end();
    } else {
      response.end(file);
    }
  }
}
