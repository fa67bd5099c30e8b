package io.framechat.config;

import io.framechat.protocol.Names;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The chat itself (rooms, nicks, messages, history), the {@code chat} section.
 *
 * @param defaultRoom the room every client is placed in on connect
 * @param maxTextBytes largest message text in UTF-8 bytes; longer is {@code bad_request}
 * @param presenceMaxMembers larger rooms stop announcing joins and leaves (a crowd must not cost N x N frames)
 * @param flushIntervalMicros shortest time between two fan-outs: messages arriving meanwhile go out
 *     in one write per member; a message after a quiet spell goes out at once; 0 = as soon as the
 *     broadcast verticle has nothing else queued, so a batch holds what arrived while it was busy
 * @param reservedNicks nicks nobody may take (ignoring case), so no one can pass for the server
 * @param historySize messages kept per room for replay (join, {@code history}, resume); 0 = none
 * @param historySeconds messages older than this leave the history
 * @param historyMaxBytes all rooms' history together at most; past it the oldest messages of the
 *     largest rooms give way; 0 = a quarter of the maximum heap
 * @param replayOnJoin latest messages a client gets as history when it joins a room
 * @param listPageMax entries in one page of {@code who} or {@code rooms} at most (a listing costs in
 *     proportion to its page, whatever the number of rooms or members)
 * @param historyPageMax messages in one page of {@code history} at most ({@code limit}, scrollback
 *     with {@code before})
 * @param resumeWaitMillis how long a resume from a seq the room has not reached on this node yet (in
 *     a cluster, a message still on its way from the node that numbered it) waits for it before the
 *     client enters anyway (longer than {@code cluster.memberTimeoutSeconds}: a node that stops
 *     answering passes its rooms on only after it); 0 = it never waits
 */
public record ChatOptions(String defaultRoom, int maxNickLength, int maxRoomNameLength, int maxTextBytes,
    int maxRoomsPerClient, int presenceMaxMembers, int flushIntervalMicros, List<String> reservedNicks,
    int historySize, int historySeconds, long historyMaxBytes, int replayOnJoin, int listPageMax,
    int historyPageMax, int resumeWaitMillis) {

  public static final String SECTION = "chat";
  public static final String DEFAULT_DEFAULT_ROOM = "lobby";
  public static final int DEFAULT_MAX_NICK_LENGTH = 32;
  public static final int DEFAULT_MAX_ROOM_NAME_LENGTH = 64;
  public static final int DEFAULT_MAX_TEXT_BYTES = 4096;
  public static final int DEFAULT_MAX_ROOMS_PER_CLIENT = 32;
  public static final int DEFAULT_PRESENCE_MAX_MEMBERS = 1000;
  public static final int DEFAULT_FLUSH_INTERVAL_MICROS = 0;
  public static final List<String> DEFAULT_RESERVED_NICKS = List.of("server", "system", "admin", "framechat");
  public static final int DEFAULT_HISTORY_SIZE = 100;
  public static final int DEFAULT_HISTORY_SECONDS = 3600;
  public static final long DEFAULT_HISTORY_MAX_BYTES = 0;
  public static final int DEFAULT_REPLAY_ON_JOIN = 20;
  public static final int DEFAULT_LIST_PAGE_MAX = 200;
  public static final int DEFAULT_HISTORY_PAGE_MAX = 200;
  public static final int DEFAULT_RESUME_WAIT_MILLIS = 10_000;

  public static final ChatOptions DEFAULTS = new ChatOptions(DEFAULT_DEFAULT_ROOM, DEFAULT_MAX_NICK_LENGTH,
      DEFAULT_MAX_ROOM_NAME_LENGTH, DEFAULT_MAX_TEXT_BYTES, DEFAULT_MAX_ROOMS_PER_CLIENT,
      DEFAULT_PRESENCE_MAX_MEMBERS, DEFAULT_FLUSH_INTERVAL_MICROS, DEFAULT_RESERVED_NICKS, DEFAULT_HISTORY_SIZE,
      DEFAULT_HISTORY_SECONDS, DEFAULT_HISTORY_MAX_BYTES, DEFAULT_REPLAY_ON_JOIN, DEFAULT_LIST_PAGE_MAX,
      DEFAULT_HISTORY_PAGE_MAX, DEFAULT_RESUME_WAIT_MILLIS);

  public ChatOptions {
    Checks.range("chat.maxRoomNameLength", maxRoomNameLength, 8, 256);
    Checks.notBlank("chat.defaultRoom", defaultRoom);
    String problem = Names.roomProblem(defaultRoom, maxRoomNameLength);
    if (problem != null) {
      throw new ConfigException("chat.defaultRoom", problem);
    }
    Checks.range("chat.maxNickLength", maxNickLength, 8, 256);
    Checks.positive("chat.maxTextBytes", maxTextBytes);
    Checks.positive("chat.maxRoomsPerClient", maxRoomsPerClient);
    Checks.nonNegative("chat.presenceMaxMembers", presenceMaxMembers);
    Checks.range("chat.flushIntervalMicros", flushIntervalMicros, 0, 1_000_000);
    reservedNicks = List.copyOf(reservedNicks);
    Checks.range("chat.historySize", historySize, 0, 100_000);
    Checks.positive("chat.historySeconds", historySeconds);
    if (historyMaxBytes < 0) {
      throw new ConfigException("chat.historyMaxBytes", "must be 0 or more, got " + historyMaxBytes);
    }
    Checks.nonNegative("chat.replayOnJoin", replayOnJoin);
    Checks.range("chat.listPageMax", listPageMax, 1, 100_000);
    Checks.range("chat.historyPageMax", historyPageMax, 1, 100_000);
    Checks.range("chat.resumeWaitMillis", resumeWaitMillis, 0, 60_000);
  }

  public static ChatOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, ChatOptions.class);
  }

  /** Whether {@code nick} is reserved, or looks like a reserved nick whatever the case ({@link Names#sameNick}). */
  public boolean reserved(String nick) {
    return reservedNicks.stream().anyMatch(reserved -> Names.sameNick(reserved, nick));
  }
}
