package io.framechat.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.List;
import java.util.UUID;

/** Signs test tokens (HS256 with a secret made per test, or with a private key made at test time). */
public final class Tokens {

  public static final String ISSUER = "framechat-test";
  public static final String AUDIENCE = "chat";

  private final JWTAuth signer;
  private final String algorithm;
  public final String secret;

  private Tokens(JWTAuth signer, String algorithm, String secret) {
    this.signer = signer;
    this.algorithm = algorithm;
    this.secret = secret;
  }

  /** HS256 with a fresh random secret. */
  public static Tokens hs256(Vertx vertx) {
    String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
    return new Tokens(JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))), "HS256", secret);
  }

  /** ES256 or RS256 with a PEM private key. */
  public static Tokens withPrivateKey(Vertx vertx, String algorithm, String privateKeyPem) {
    return new Tokens(JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(privateKeyPem))), algorithm, null);
  }

  /** Claims for {@code nick}, from the test issuer to the test audience, valid for {@code seconds}. */
  public static JsonObject claims(String nick, long seconds) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", "user-" + nick).put("nick", nick).put("iss", ISSUER).put("aud", AUDIENCE)
        .put("exp", now + seconds);
  }

  /** {@code claims} with rooms to read and say in and rooms to read only. */
  public static JsonObject rooms(JsonObject claims, List<String> readWrite, List<String> readOnly) {
    return claims.put("rooms", new JsonArray(readWrite)).put("read", new JsonArray(readOnly));
  }

  public String sign(JsonObject claims) {
    return signer.generateToken(claims, new JWTOptions().setAlgorithm(algorithm).setNoTimestamp(false));
  }

  public String token(String nick) {
    return sign(claims(nick, 3600));
  }
}
