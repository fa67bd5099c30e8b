package io.framechat.chat;

/**
 * Who a client is, from a verified token: the nick it chats under, the rooms it may use, and when
 * the token expires (epoch milliseconds; {@link Long#MAX_VALUE} when it does not).
 */
public record Identity(String nick, RoomRights rights, long expiresAtMillis) {
}
