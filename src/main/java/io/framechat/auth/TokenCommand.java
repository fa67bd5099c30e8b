package io.framechat.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code framechat token}: makes a login token for a server with {@code auth.mode jwt} and an HMAC
 * secret ({@code auth.jwt.secret}): HS256, the nick as {@code nick} and {@code sub}, the rooms as
 * {@code rooms} and {@code read}, expiring after {@code --ttl}. For servers checking a public key,
 * tokens come from whatever holds the private key.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Make a login token (HS256) for a server with auth.mode jwt and auth.jwt.secret.")
public final class TokenCommand implements Callable<Integer> {

  /** The secret, given or read from a file (kept out of the shell's history and the process list). */
  static final class Secret {
    @Option(names = "--secret", paramLabel = "SECRET", description = "The server's auth.jwt.secret.")
    String value;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "A file holding the secret.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Secret secret;

  @Option(names = "--nick", required = true, description = "The nick the token logs in as.")
  String nick;

  @Option(names = "--rooms", split = ",", paramLabel = "ROOMS",
      description = "Rooms to read and say in, comma-separated, * as a wildcard (default: every room).")
  List<String> rooms;

  @Option(names = "--read", split = ",", paramLabel = "ROOMS", description = "Rooms to read only, comma-separated.")
  List<String> read;

  @Option(names = "--ttl", defaultValue = "3600", paramLabel = "SECONDS",
      description = "Seconds until the token expires (default: ${DEFAULT-VALUE}).")
  int ttl;

  @Option(names = "--issuer", description = "The iss claim (auth.jwt.issuer).")
  String issuer;

  @Option(names = "--audience", description = "The aud claim (auth.jwt.audience).")
  String audience;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String key = secret.value != null ? secret.value : Files.readString(secret.file).strip();
    JsonObject claims = new JsonObject().put("nick", nick);
    if (rooms != null) {
      claims.put("rooms", new JsonArray(rooms));
    }
    if (read != null) {
      claims.put("read", new JsonArray(read));
    }
    JWTOptions options = new JWTOptions().setAlgorithm("HS256").setSubject(nick).setExpiresInSeconds(ttl);
    if (issuer != null) {
      options.setIssuer(issuer);
    }
    if (audience != null) {
      options.setAudience(List.of(audience));
    }
    Vertx vertx = Vertx.vertx();
    try {
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key)));
      spec.commandLine().getOut().println(jwt.generateToken(claims, options));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }
}
