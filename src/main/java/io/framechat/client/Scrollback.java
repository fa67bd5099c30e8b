package io.framechat.client;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code /more} asks for: per room, the oldest message shown (its seq and epoch), so that the
 * page before it can be asked for with {@code history} {@code before}. A message of a later epoch
 * starts the room afresh. Used on the session's event loop only.
 */
final class Scrollback {

  /** Messages asked for by one {@code /more}. */
  static final int PAGE = 50;

  private record Oldest(String epoch, long seq) {
  }

  private final Map<String, Oldest> oldest = new HashMap<>();

  /** Notes a frame shown: a room message may be the oldest of its room shown yet. */
  void shown(JsonObject frame) {
    if (!"message".equals(frame.getValue("type")) || !(frame.getValue("seq") instanceof Number seq)
        || !(frame.getValue("epoch") instanceof String epoch) || !(frame.getValue("room") instanceof String room)) {
      return;
    }
    Oldest known = oldest.get(room);
    // another epoch: the room's stream started over, and scrollback with it
    if (known == null || !known.epoch().equals(epoch) || seq.longValue() < known.seq()) {
      oldest.put(room, new Oldest(epoch, seq.longValue()));
    }
  }

  /** {@code /more}: sends the request for the page before the oldest message of {@code room} shown, or says why not. */
  void more(String room, Consumer<JsonObject> send, Consumer<String> say) {
    JsonObject request = request(room);
    if (request == null) {
      say.accept("* " + (room == null ? "no room" : room + ": nothing shown yet") + " to scroll back from");
    } else {
      send.accept(request);
    }
  }

  /** The {@code history} request for the page before the oldest message of {@code room} shown; null when none was shown. */
  JsonObject request(String room) {
    Oldest known = room == null ? null : oldest.get(room);
    if (known == null) {
      return null;
    }
    return new JsonObject().put("type", "history").put("room", room).put("before", known.seq())
        .put("epoch", known.epoch()).put("limit", PAGE);
  }
}
