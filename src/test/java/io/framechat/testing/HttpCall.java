package io.framechat.testing;

import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One HTTP request (or HTTPS, trusting a test CA) to a server on 127.0.0.1, made with the JDK's
 * client and waited for (10 s at most). Tests that only ask and read use it rather than Vert.x's client: in Vert.x 5.0.7 a
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

  /** GET {@code path} on {@code port} over HTTPS, trusting only the CA certificate at {@code caCert} (PEM). */
  public static Answer getHttps(int port, String path, Path caCert) {
    try (InputStream pem = Files.newInputStream(caCert)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
          .connectTimeout(Duration.ofSeconds(10)).build();
      return send(client, "https", "GET", port, path, Map.of(), null);
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError("cannot trust " + caCert + ": " + e, e);
    }
  }

  /** {@code method} {@code path} on {@code port}, with {@code headers} and {@code body} (null: none). */
  public static Answer send(String method, int port, String path, Map<String, String> headers, Buffer body) {
    return send(CLIENT, "http", method, port, path, headers, body);
  }

  private static Answer send(HttpClient client, String scheme, String method, int port, String path,
      Map<String, String> headers, Buffer body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body.getBytes()));
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.headers().map(), Buffer.buffer(response.body()));
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " on port " + port + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + path + " interrupted", e);
    }
  }
}
