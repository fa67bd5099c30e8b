package io.framechat.client;

import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the person has read, with a server that keeps read positions (its {@code joined} carries
 * {@code read} and {@code latest}): as messages of the room in view show, {@code read} goes out for
 * it (at most every {@link #SEND_MILLIS}, the latest seq); other rooms count what is unread, shown
 * in the list of rooms. A {@code read} from another session of the person moves the position too.
 * The session's event loop only.
 */
final class Unread {

  static final long SEND_MILLIS = 500;

  private final Context context;
  private final Consumer<JsonObject> send;
  /** Per room held: {read, latest}. */
  private final Map<String, long[]> rooms = new HashMap<>();
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private String inView;
  private boolean scheduled;

  Unread(Context context, Consumer<JsonObject> send) {
    this.context = context;
    this.send = send;
  }

  /** The room the user now looks at (null: none): what it holds is read. */
  void inView(String room) {
    inView = room;
    if (room != null) {
      caughtUp(room);
    }
  }

  /** A frame from the server, before it shows; a list of rooms gets each room's unread count. */
  void seen(JsonObject frame) {
    String room = frame.getValue("room") instanceof String name ? name : null;
    switch (String.valueOf(frame.getValue("type"))) {
      case "joined" -> {
        if (frame.getValue("read") instanceof Number read && frame.getValue("latest") instanceof Number latest) {
          rooms.put(room, new long[] {read.longValue(), latest.longValue()});
        }
      }
      case "left" -> rooms.remove(room);
      case "read" -> {
        long[] at = rooms.get(room);
        if (at != null && frame.getValue("seq") instanceof Number seq) {
          at[0] = Math.max(at[0], seq.longValue());
        }
      }
      case "message" -> {
        long[] at = rooms.get(room);
        if (at != null && frame.getValue("seq") instanceof Number seq) {
          at[1] = Math.max(at[1], seq.longValue());
          if (room.equals(inView)) {
            caughtUp(room);
          }
        }
      }
      case "rooms" -> frame.getJsonArray("rooms", new io.vertx.core.json.JsonArray()).forEach(item -> {
        if (item instanceof JsonObject entry && rooms.get(entry.getString("room")) != null) {
          long[] at = rooms.get(entry.getString("room"));
          entry.put("unread", Math.max(0, at[1] - at[0]));
        }
      });
      default -> {
      }
    }
  }

  /** Everything the room holds is read: say so soon (several messages in a row make one {@code read}). */
  private void caughtUp(String room) {
    long[] at = rooms.get(room);
    if (at == null || at[1] <= at[0]) {
      return;
    }
    at[0] = at[1];
    pending.put(room, at[1]);
    if (!scheduled) {
      scheduled = true;
      context.owner().setTimer(SEND_MILLIS, t -> {
        scheduled = false;
        pending.forEach((name, seq) -> send.accept(new JsonObject().put("type", "read").put("room", name)
            .put("seq", seq)));
        pending.clear();
      });
    }
  }
}
