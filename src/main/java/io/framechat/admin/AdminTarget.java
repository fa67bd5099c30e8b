package io.framechat.admin;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Where {@code framechat admin} sends its request, with which token, and how it prints the answer. */
public final class AdminTarget {

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "The server's HTTP port (default: ${DEFAULT-VALUE}); https:// for http.tls.")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:FRAMECHAT_ADMIN_TOKEN}",
      description = "The server's admin.token (default: the FRAMECHAT_ADMIN_TOKEN variable).")
  String token;

  @Option(names = "--ca", paramLabel = "FILE", description = "With https: PEM certificate(s) of the CA to trust.")
  String ca;

  @Option(names = "--insecure", description = "With https: trust any certificate (self-signed test servers only).")
  boolean insecure;

  @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
  boolean json;

  /** One API request: method, path with its query, body. */
  record Request(HttpMethod method, String path, JsonObject body) {

    static Request get(String path) {
      return new Request(HttpMethod.GET, path, null);
    }

    static Request delete(String path) {
      return new Request(HttpMethod.DELETE, path, null);
    }

    /** A POST; fields left null are left out. */
    static Request post(String path, JsonObject body) {
      JsonObject given = new JsonObject();
      body.forEach(field -> {
        if (field.getValue() != null) {
          given.put(field.getKey(), field.getValue());
        }
      });
      return new Request(HttpMethod.POST, path, given);
    }

    /** Adds {@code name=value} to the query when the value is given. */
    Request query(String name, Object value) {
      if (value == null) {
        return this;
      }
      return new Request(method, path + (path.contains("?") ? "&" : "?") + name + "=" + encode(String.valueOf(value)),
          body);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Sends the request, prints the answer; 0 when done, 1 when refused or failed, 2 when unreachable. */
  int run(Request request, Consumer<JsonObject> printer) {
    if (token == null || token.isEmpty()) {
      System.err.println("framechat admin: no token: give --token or set FRAMECHAT_ADMIN_TOKEN");
      return 2;
    }
    URI base = URI.create(url);
    boolean tls = "https".equals(base.getScheme());
    HttpClientOptions options = new HttpClientOptions().setSsl(tls).setTrustAll(tls && insecure)
        .setVerifyHost(!insecure);
    if (tls && ca != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(ca));
    }
    Vertx vertx = Vertx.vertx();
    try {
      HttpClientAgent client = vertx.createHttpClient(options);
      RequestOptions target = new RequestOptions().setMethod(request.method()).setHost(base.getHost())
          .setPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80).setURI(request.path())
          .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "application/json");
      Answer answer = client.request(target)
          .compose(sent -> request.body() == null ? sent.send()
              : sent.putHeader("content-type", "application/json").send(request.body().toBuffer()))
          .compose(response -> response.body().map(body -> new Answer(response, body)))
          .await(30, TimeUnit.SECONDS);
      JsonObject body;
      try {
        body = answer.body().length() == 0 ? new JsonObject() : answer.body().toJsonObject();
      } catch (DecodeException e) {
        System.err.println("framechat admin: " + answer.response().statusCode() + " " + answer.body());
        return 1;
      }
      if (answer.response().statusCode() != 200) {
        System.err.println("framechat admin: " + answer.response().statusCode() + " " + body.getString("error", "")
            + ": " + body.getString("message", ""));
        return 1;
      }
      if (json) {
        System.out.println(body.encodePrettily());
      } else {
        printer.accept(body);
      }
      return 0;
    } catch (Exception e) {
      System.err.println("framechat admin: cannot reach " + url + ": " + e.getMessage());
      return 2;
    } finally {
      vertx.close();
    }
  }

  private record Answer(HttpClientResponse response, Buffer body) {
  }
}
