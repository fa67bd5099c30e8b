package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Who may chat, the {@code auth} section. With {@code mode} {@code jwt} a client presents a token
 * in {@code hello}; its nick and rooms come from the token's claims.
 *
 * @param timeoutSeconds a connection that has not authenticated this long gets {@code bye} and is closed
 * @param refreshGraceSeconds after its token expires, how long a client has to send a fresh one
 * @param expiryWarningSeconds this long before a session's token expires, it is told ({@code token_expiring})
 * @param maxSessionsPerPerson connections logged in as one subject at once, on every node
 * @param tokenRefreshUrl where the chat page fetches a fresh token (same origin, with the browser's
 *     cookies); empty: the page asks the person to paste one
 */
public record AuthOptions(Mode mode, int timeoutSeconds, int refreshGraceSeconds, int expiryWarningSeconds,
    int maxSessionsPerPerson, String tokenRefreshUrl, Jwt jwt) {

  /** {@code auth.mode}: {@code none} (anyone, any free nick) or {@code jwt}. */
  public enum Mode {
    NONE, JWT;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How tokens are checked: an HMAC {@code secret} (HS256) or a {@code publicKeyPath} (PEM, RS256 or
   * ES256); {@code issuer} and {@code audience} are checked when not empty. With {@code requireExp},
   * a token without an expiry ({@code exp}) is refused: one that never expires cannot be taken back.
   */
  public record Jwt(String secret, String publicKeyPath, String issuer, String audience, boolean requireExp) {
  }

  public static final String SECTION = "auth";
  public static final Mode DEFAULT_MODE = Mode.NONE;
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_REFRESH_GRACE_SECONDS = 30;
  public static final int DEFAULT_EXPIRY_WARNING_SECONDS = 120;
  public static final int DEFAULT_MAX_SESSIONS_PER_PERSON = 10;

  public static final AuthOptions DEFAULTS = new AuthOptions(DEFAULT_MODE, DEFAULT_TIMEOUT_SECONDS,
      DEFAULT_REFRESH_GRACE_SECONDS, DEFAULT_EXPIRY_WARNING_SECONDS, DEFAULT_MAX_SESSIONS_PER_PERSON, "",
      new Jwt("", "", "", "", true));

  public AuthOptions {
    Checks.range("auth.timeoutSeconds", timeoutSeconds, 1, 3600);
    Checks.range("auth.refreshGraceSeconds", refreshGraceSeconds, 0, 3600);
    Checks.range("auth.expiryWarningSeconds", expiryWarningSeconds, 0, 86_400);
    Checks.range("auth.maxSessionsPerPerson", maxSessionsPerPerson, 1, 1000);
    if (!tokenRefreshUrl.isEmpty() && !tokenRefreshUrl.startsWith("/")) {
      throw new ConfigException("auth.tokenRefreshUrl", "must be a path on this server (same origin), starting with /");
    }
    if (mode == Mode.JWT && jwt.secret().isBlank() && jwt.publicKeyPath().isBlank()) {
      throw new ConfigException("auth.jwt.secret", "with auth.mode jwt, set auth.jwt.secret or auth.jwt.publicKeyPath");
    }
    if (!jwt.secret().isBlank() && !jwt.publicKeyPath().isBlank()) {
      throw new ConfigException("auth.jwt.publicKeyPath", "set auth.jwt.secret or auth.jwt.publicKeyPath, not both");
    }
  }

  public static AuthOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, AuthOptions.class);
  }
}
