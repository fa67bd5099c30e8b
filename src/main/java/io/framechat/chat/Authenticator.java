package io.framechat.chat;

import io.vertx.core.Future;

/**
 * Checks the token a client presents in {@code hello}. The future fails when the token is refused
 * (its message is for the log, not for the client). Called on the broadcast verticle's event loop.
 */
public interface Authenticator {

  Future<Identity> authenticate(String token);
}
