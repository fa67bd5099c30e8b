package io.framechat.config;

import io.framechat.protocol.Names;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Options of the chat itself (rooms, nicks, messages), the {@code chat} section. */
public final class ChatOptions extends JsonSection {

  public static final String SECTION = "chat";
  /** The room every client is placed in on connect. */
  public static final String DEFAULT_DEFAULT_ROOM = "lobby";
  public static final int DEFAULT_MAX_NICK_LENGTH = 32;
  public static final int DEFAULT_MAX_ROOM_NAME_LENGTH = 64;
  /** Largest message text in UTF-8 bytes; longer text is refused with {@code bad_request}. */
  public static final int DEFAULT_MAX_TEXT_BYTES = 4096;
  public static final int DEFAULT_MAX_ROOMS_PER_CLIENT = 32;
  /** Rooms larger than this stop announcing joins and leaves, so a crowd does not cost N x N frames. */
  public static final int DEFAULT_PRESENCE_MAX_MEMBERS = 1000;
  /**
   * Shortest time between two fan-outs, in microseconds: messages arriving meanwhile go out
   * together, one write per member socket instead of one per message. A message arriving after a
   * quiet spell goes out at once. 0 = after every event-loop turn.
   */
  public static final int DEFAULT_FLUSH_INTERVAL_MICROS = 1000;
  /** Messages kept per room, for replay on join, {@code history} requests and resuming. */
  public static final int DEFAULT_HISTORY_SIZE = 100;
  /** Messages older than this are dropped from a room's history. */
  public static final int DEFAULT_HISTORY_SECONDS = 3600;
  /** Messages replayed to a client joining a room (marked {@code "history": true}). */
  public static final int DEFAULT_REPLAY_ON_JOIN = 20;
  /** Nicks nobody may take (compared ignoring case), so no one can pass for the server. */
  public static final List<String> DEFAULT_RESERVED_NICKS = List.of("server", "system", "admin", "framechat");

  private String defaultRoom = DEFAULT_DEFAULT_ROOM;
  private int maxNickLength = DEFAULT_MAX_NICK_LENGTH;
  private int maxRoomNameLength = DEFAULT_MAX_ROOM_NAME_LENGTH;
  private int maxTextBytes = DEFAULT_MAX_TEXT_BYTES;
  private int maxRoomsPerClient = DEFAULT_MAX_ROOMS_PER_CLIENT;
  private int presenceMaxMembers = DEFAULT_PRESENCE_MAX_MEMBERS;
  private int flushIntervalMicros = DEFAULT_FLUSH_INTERVAL_MICROS;
  private List<String> reservedNicks = DEFAULT_RESERVED_NICKS;
  private int historySize = DEFAULT_HISTORY_SIZE;
  private int historySeconds = DEFAULT_HISTORY_SECONDS;
  private int replayOnJoin = DEFAULT_REPLAY_ON_JOIN;

  public ChatOptions() {
  }

  public ChatOptions(ChatOptions other) {
    this(other.toJson());
  }

  public ChatOptions(JsonObject json) {
    setMaxRoomNameLength(JsonFields.getInt(json, SECTION, "maxRoomNameLength", maxRoomNameLength));
    setDefaultRoom(JsonFields.getString(json, SECTION, "defaultRoom", defaultRoom));
    setMaxNickLength(JsonFields.getInt(json, SECTION, "maxNickLength", maxNickLength));
    setMaxTextBytes(JsonFields.getInt(json, SECTION, "maxTextBytes", maxTextBytes));
    setMaxRoomsPerClient(JsonFields.getInt(json, SECTION, "maxRoomsPerClient", maxRoomsPerClient));
    setPresenceMaxMembers(JsonFields.getInt(json, SECTION, "presenceMaxMembers", presenceMaxMembers));
    setFlushIntervalMicros(JsonFields.getInt(json, SECTION, "flushIntervalMicros", flushIntervalMicros));
    setReservedNicks(JsonFields.getStrings(json, SECTION, "reservedNicks", reservedNicks));
    setHistorySize(JsonFields.getInt(json, SECTION, "historySize", historySize));
    setHistorySeconds(JsonFields.getInt(json, SECTION, "historySeconds", historySeconds));
    setReplayOnJoin(JsonFields.getInt(json, SECTION, "replayOnJoin", replayOnJoin));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("defaultRoom", defaultRoom)
        .put("maxNickLength", maxNickLength)
        .put("maxRoomNameLength", maxRoomNameLength)
        .put("maxTextBytes", maxTextBytes)
        .put("maxRoomsPerClient", maxRoomsPerClient)
        .put("presenceMaxMembers", presenceMaxMembers)
        .put("flushIntervalMicros", flushIntervalMicros)
        .put("reservedNicks", new JsonArray(new ArrayList<>(reservedNicks)))
        .put("historySize", historySize)
        .put("historySeconds", historySeconds)
        .put("replayOnJoin", replayOnJoin);
  }

  public String getDefaultRoom() {
    return defaultRoom;
  }

  public ChatOptions setDefaultRoom(String defaultRoom) {
    String key = SECTION + ".defaultRoom";
    JsonFields.notBlank(key, defaultRoom);
    String problem = Names.roomProblem(defaultRoom, maxRoomNameLength);
    if (problem != null) {
      throw new ConfigException(key, problem);
    }
    this.defaultRoom = defaultRoom;
    return this;
  }

  public int getMaxNickLength() {
    return maxNickLength;
  }

  public ChatOptions setMaxNickLength(int maxNickLength) {
    this.maxNickLength = JsonFields.range(SECTION + ".maxNickLength", maxNickLength, 8, 256);
    return this;
  }

  public int getMaxRoomNameLength() {
    return maxRoomNameLength;
  }

  public ChatOptions setMaxRoomNameLength(int maxRoomNameLength) {
    this.maxRoomNameLength = JsonFields.range(SECTION + ".maxRoomNameLength", maxRoomNameLength, 8, 256);
    return this;
  }

  public int getMaxTextBytes() {
    return maxTextBytes;
  }

  public ChatOptions setMaxTextBytes(int maxTextBytes) {
    this.maxTextBytes = JsonFields.positive(SECTION + ".maxTextBytes", maxTextBytes);
    return this;
  }

  public int getMaxRoomsPerClient() {
    return maxRoomsPerClient;
  }

  public ChatOptions setMaxRoomsPerClient(int maxRoomsPerClient) {
    this.maxRoomsPerClient = JsonFields.positive(SECTION + ".maxRoomsPerClient", maxRoomsPerClient);
    return this;
  }

  public int getPresenceMaxMembers() {
    return presenceMaxMembers;
  }

  public ChatOptions setPresenceMaxMembers(int presenceMaxMembers) {
    this.presenceMaxMembers = JsonFields.nonNegative(SECTION + ".presenceMaxMembers", presenceMaxMembers);
    return this;
  }

  public int getFlushIntervalMicros() {
    return flushIntervalMicros;
  }

  /** At most one second: longer would only add latency. */
  public ChatOptions setFlushIntervalMicros(int flushIntervalMicros) {
    this.flushIntervalMicros = JsonFields.range(SECTION + ".flushIntervalMicros", flushIntervalMicros, 0, 1_000_000);
    return this;
  }

  public List<String> getReservedNicks() {
    return reservedNicks;
  }

  /** Whether {@code nick} is reserved, ignoring case. */
  public boolean reserved(String nick) {
    for (String reserved : reservedNicks) {
      if (reserved.equalsIgnoreCase(nick)) {
        return true;
      }
    }
    return false;
  }

  public ChatOptions setReservedNicks(List<String> reservedNicks) {
    this.reservedNicks = List.copyOf(reservedNicks);
    return this;
  }

  public int getHistorySize() {
    return historySize;
  }

  /** 0 keeps no history; at most 100,000 per room. */
  public ChatOptions setHistorySize(int historySize) {
    this.historySize = JsonFields.range(SECTION + ".historySize", historySize, 0, 100_000);
    return this;
  }

  public int getHistorySeconds() {
    return historySeconds;
  }

  public ChatOptions setHistorySeconds(int historySeconds) {
    this.historySeconds = JsonFields.positive(SECTION + ".historySeconds", historySeconds);
    return this;
  }

  public int getReplayOnJoin() {
    return replayOnJoin;
  }

  public ChatOptions setReplayOnJoin(int replayOnJoin) {
    this.replayOnJoin = JsonFields.nonNegative(SECTION + ".replayOnJoin", replayOnJoin);
    return this;
  }
}
