package io.framechat.auth;

import io.framechat.chat.Authenticator;
import io.framechat.chat.Authenticator.Refused;
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
import java.util.logging.Logger;

/**
 * Checks login tokens with vertx-auth-jwt: the signature (an HS256 secret, or an RS256 or ES256
 * public key), {@code exp}, {@code nbf} and {@code iat}, and the issuer and audience when they are
 * configured; unsigned tokens ({@code alg: none}) are refused. The identity comes from the claims:
 * the nick from {@code nick} (else {@code sub}), the rooms it may read and say in from {@code rooms}
 * (every room when absent), those it may only read from {@code read}. A change of
 * {@code auth.jwt.*} applies from the next login.
 */
public final class JwtAuthenticator implements Authenticator {

  private static final Logger LOG = Logger.getLogger(JwtAuthenticator.class.getName());

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

  /**
   * Checks a token; never throws. A token whose claims cannot be read (a signed token with an
   * {@code exp} that is not a number, say) fails like any other, and is logged once: its issuer
   * makes tokens this server cannot use.
   */
  @Override
  public Future<Identity> authenticate(String token) {
    try {
      boolean requireExp = options.get().requireExp();
      return provider().authenticate(new TokenCredentials(token))
          .compose(user -> Future.succeededFuture(identity(user.attributes().getJsonObject("accessToken"), requireExp)))
          .recover(e -> unreadable(e));
    } catch (RuntimeException e) {
      return unreadable(e);
    }
  }

  /**
   * A failure to pass on. One that comes of a token well signed but unusable (a claim missing or of
   * the wrong type) is logged, once: its issuer makes tokens this server cannot take.
   */
  private static Future<Identity> unreadable(Throwable e) {
    if (e instanceof ClassCastException) {
      e = new TokenRefused("a claim has the wrong type (exp, nbf and iat are numbers)");
    }
    if (e instanceof TokenRefused) {
      LOG.warning("a signed token was refused: " + e.getMessage());
      return Future.failedFuture(e);
    }
    return Future.failedFuture(new Refused(reason(String.valueOf(e.getMessage())), e));
  }

  /** Why vertx-auth-jwt refused a token, in the words the client is told. */
  static String reason(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("expired")) {
      return "expired";
    } else if (m.contains("signature") || m.contains("signed")) {
      return "bad signature";
    } else if (m.contains("audience")) {
      return "wrong audience (aud)";
    } else if (m.contains("issuer")) {
      return "wrong issuer (iss)";
    } else if (m.contains("format") || m.contains("segment") || m.contains("decode") || m.contains("base64")) {
      return "not a token";
    }
    return "not valid";
  }

  /** A token read, but not one this server takes (it says why). */
  static final class TokenRefused extends Refused {
    TokenRefused(String message) {
      super(message, null);
    }
  }

  /**
   * Who the claims say the client is: the person ({@code sub}, else the nick), the nick ({@code nick},
   * else {@code sub}), the rooms, and when the token expires. Without {@code exp} the token is refused
   * when {@code requireExp}; an {@code exp} past what milliseconds can hold means never.
   */
  static Identity identity(JsonObject claims, boolean requireExp) {
    Object sub = claims.getValue("sub");
    Object nick = claims.getValue("nick", sub);
    if ((nick != null && !(nick instanceof String)) || (sub != null && !(sub instanceof String))) {
      throw new TokenRefused("sub and nick must be strings");
    }
    JsonArray rooms = claims.getJsonArray("rooms");
    JsonArray read = claims.getJsonArray("read", new JsonArray());
    RoomRights rights = rooms == null && read.isEmpty() ? RoomRights.ALL
        : new RoomRights(strings(rooms == null ? new JsonArray() : rooms), strings(read));
    Object exp = claims.getValue("exp");
    if (exp == null && requireExp) {
      throw new TokenRefused("the token has no expiry (exp), and auth.jwt.requireExp is on");
    }
    if (exp != null && !(exp instanceof Number)) {
      throw new TokenRefused("exp is not a number");
    }
    long seconds = exp == null ? Long.MAX_VALUE : ((Number) exp).longValue();
    long expires = seconds >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
    String subject = sub != null ? (String) sub : (String) nick;
    return new Identity(subject, (String) nick, rights, expires);
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
