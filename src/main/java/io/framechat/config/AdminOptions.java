package io.framechat.config;

import io.vertx.core.json.JsonObject;

/**
 * The operator API, the {@code admin} section: {@code /api/*} on the HTTP port, off until a token
 * is set.
 *
 * @param token what operators send as {@code Authorization: Bearer TOKEN}; empty = the API is off.
 *     At least {@value #MIN_TOKEN_LENGTH} characters; keep it in a Secret ({@code FRAMECHAT_ADMIN_TOKEN})
 * @param label who the token's holder is, in the log line of each action
 * @param bansFile where a single node keeps its bans across restarts (JSON); empty = in memory only.
 *     A cluster keeps them in its shared map instead
 */
public record AdminOptions(String token, String label, String bansFile) {

  public static final String SECTION = "admin";
  public static final int MIN_TOKEN_LENGTH = 16;
  public static final String DEFAULT_TOKEN = "";
  public static final String DEFAULT_LABEL = "admin";
  public static final String DEFAULT_BANS_FILE = "";

  public static final AdminOptions DEFAULTS = new AdminOptions(DEFAULT_TOKEN, DEFAULT_LABEL, DEFAULT_BANS_FILE);

  public AdminOptions {
    if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException("admin.token", "must be at least " + MIN_TOKEN_LENGTH + " characters, got "
          + token.length());
    }
    if (label.isBlank()) {
      throw new ConfigException("admin.label", "must not be empty");
    }
  }

  /** Whether the API is on. */
  public boolean enabled() {
    return !token.isEmpty();
  }

  @Override
  public String toString() {
    // the token is a secret: never in a log line
    return "AdminOptions[token=" + (token.isEmpty() ? "" : "***") + ", label=" + label + ", bansFile=" + bansFile + "]";
  }

  public static AdminOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, AdminOptions.class);
  }
}
