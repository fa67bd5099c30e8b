package io.framechat.chat;

import io.vertx.core.Future;

/**
 * Checks the token a client presents in {@code hello}. The future fails when the token is refused:
 * with {@link Refused}, whose reason the client is told; with anything else, told nothing more than
 * that (its message is for the log). Called on the broadcast verticle's event loop.
 */
public interface Authenticator {

  Future<Identity> authenticate(String token);

  /** A refused token, with why in a few words the client may be told ("expired", "bad signature"). */
  class Refused extends IllegalArgumentException {
    private final String reason;

    public Refused(String reason, Throwable cause) {
      super(reason, cause);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }
}
