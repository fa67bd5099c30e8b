package io.framechat.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.concurrent.TimeUnit;

/** Asks a server's {@code /health}: "URL UP", "URL DOWN (503)" or "URL unreachable (reason)". */
final class Health {

  private Health() {
  }

  static String check(Vertx vertx, String url) {
    HttpClient http = vertx.createHttpClient();
    try {
      int status = http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
          .compose(request -> request.send())
          .map(response -> response.statusCode())
          .await(5, TimeUnit.SECONDS);
      return url + (status == 200 ? " UP" : " DOWN (" + status + ")");
    } catch (Exception e) {
      return url + " unreachable (" + e.getMessage() + ")";
    } finally {
      http.close();
    }
  }
}
