package io.framechat.testing;

import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One plain HTTP request to a server on 127.0.0.1, made with the JDK's client and waited for (10 s
 * at most). Tests that only ask and read use it rather than Vert.x's client: in Vert.x 5.0.7 a
 * response whose body is asked for on another thread than its connection's can lose its end, and
 * the body's future never completes (eclipse-vertx/vert.x#6038, fixed after 5.0.7), which showed
 * here as a request unanswered for 10 s now and then.
 */
public final class HttpCall {

  /** The status, the headers and the body of an answer. */
  public record Answer(int status, Map<String, List<String>> headers, Buffer body) {
    /** The first value of header {@code name}, or null. */
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private HttpCall() {
  }

  /** GET {@code path} on {@code port}. */
  public static Answer get(int port, String path) {
    return send("GET", port, path, Map.of(), null);
  }

  /** {@code method} {@code path} on {@code port}, with {@code headers} and {@code body} (null: none). */
  public static Answer send(String method, int port, String path, Map<String, String> headers, Buffer body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body.getBytes()));
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.headers().map(), Buffer.buffer(response.body()));
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " on port " + port + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + path + " interrupted", e);
    }
  }
}
