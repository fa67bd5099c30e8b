package io.framechat.auth;

import io.framechat.chat.Authenticator;
import io.framechat.chat.Identity;
import io.framechat.chat.RoomRights;
import io.framechat.config.AuthOptions;
import io.framechat.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks login tokens with vertx-auth-jwt: the signature (an HS256 secret, or an RS256 or ES256
 * public key), {@code exp}, {@code nbf} and {@code iat}, and the issuer and audience when they are
 * configured; unsigned tokens ({@code alg: none}) are refused. The identity comes from the claims:
 * the nick from {@code nick} (else {@code sub}), the rooms it may read and say in from {@code rooms}
 * (every room when absent), those it may only read from {@code read}. A change of
 * {@code auth.jwt.*} applies from the next login.
 */
public final class JwtAuthenticator implements Authenticator {

  private final Vertx vertx;
  private final Supplier<AuthOptions.Jwt> options;
  private AuthOptions.Jwt built;
  private JWTAuth provider;

  private JwtAuthenticator(Vertx vertx, Supplier<AuthOptions.Jwt> options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Checks the key now (a missing or unusable public key is a bad configuration, naming its key). */
  public static JwtAuthenticator create(Vertx vertx, Supplier<AuthOptions.Jwt> options) {
    JwtAuthenticator authenticator = new JwtAuthenticator(vertx, options);
    authenticator.provider();
    return authenticator;
  }

  @Override
  public Future<Identity> authenticate(String token) {
    JWTAuth jwt;
    try {
      jwt = provider();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    return jwt.authenticate(new TokenCredentials(token))
        .compose(user -> {
          try {
            return Future.succeededFuture(identity(user.attributes().getJsonObject("accessToken")));
          } catch (ClassCastException e) {
            return Future.failedFuture("a claim has the wrong type: " + e.getMessage());
          }
        });
  }

  /** Who the claims say the client is. */
  static Identity identity(JsonObject claims) {
    String nick = claims.getString("nick", claims.getString("sub"));
    JsonArray rooms = claims.getJsonArray("rooms");
    JsonArray read = claims.getJsonArray("read", new JsonArray());
    RoomRights rights = rooms == null && read.isEmpty() ? RoomRights.ALL
        : new RoomRights(strings(rooms == null ? new JsonArray() : rooms), strings(read));
    Long exp = claims.getLong("exp");
    return new Identity(nick, rights, exp == null ? Long.MAX_VALUE : exp * 1000);
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(array.getString(i));
    }
    return out;
  }

  private JWTAuth provider() {
    AuthOptions.Jwt jwt = options.get();
    if (!jwt.equals(built)) {
      JWTOptions checks = new JWTOptions().setLeeway(0);
      if (!jwt.issuer().isBlank()) {
        checks.setIssuer(jwt.issuer());
      }
      if (!jwt.audience().isBlank()) {
        checks.setAudience(List.of(jwt.audience()));
      }
      provider = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key(jwt)).setJWTOptions(checks));
      built = jwt;
    }
    return provider;
  }

  private static PubSecKeyOptions key(AuthOptions.Jwt jwt) {
    if (!jwt.secret().isBlank()) {
      return new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(jwt.secret());
    }
    String pem;
    try {
      pem = Files.readString(Path.of(jwt.publicKeyPath()));
    } catch (IOException e) {
      throw new ConfigException("auth.jwt.publicKeyPath", "cannot read \"" + jwt.publicKeyPath() + "\"");
    }
    return new PubSecKeyOptions().setAlgorithm(algorithm(pem)).setBuffer(pem);
  }

  /** RS256 for an RSA key, ES256 for an EC key (PEM "PUBLIC KEY"). */
  private static String algorithm(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auth.jwt.publicKeyPath", "not a PEM public key");
    }
    for (String[] kind : new String[][] {{"RSA", "RS256"}, {"EC", "ES256"}}) {
      try {
        KeyFactory.getInstance(kind[0]).generatePublic(new X509EncodedKeySpec(der));
        return kind[1];
      } catch (Exception notThisKind) {
        // try the next kind
      }
    }
    throw new ConfigException("auth.jwt.publicKeyPath", "not an RSA or EC public key in PEM (\"PUBLIC KEY\")");
  }
}
