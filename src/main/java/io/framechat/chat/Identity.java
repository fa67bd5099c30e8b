package io.framechat.chat;

/**
 * Who a client is, from a verified token: the person ({@code subject}, the token's {@code sub}), the
 * nick it chats under, the rooms it may use, and when the token expires (epoch milliseconds;
 * {@link Long#MAX_VALUE} when it does not).
 */
public record Identity(String subject, String nick, RoomRights rights, long expiresAtMillis) {
}
