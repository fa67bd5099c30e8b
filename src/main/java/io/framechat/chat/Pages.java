package io.framechat.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * Long replies ({@code who}, {@code rooms}) in pages that fit what the client's transport carries
 * in one frame or datagram: as many entries as fit the byte budget (and the client's limit, if it
 * gave one), with a cursor for the next page. Nothing is cut silently.
 */
final class Pages {

  /** Bytes of a reply that are not entries (type, room, field names, the cursor). */
  private static final int OVERHEAD = 160;

  /** One page, and the cursor of the next (null when this is the last). */
  record Page<T>(T entries, String next) {
  }

  /** A cursor that names no position: {@code bad_request}. */
  static final class BadPage extends Exception {
    BadPage(String message) {
      super(message, null, false, false);
    }
  }

  private Pages() {
  }

  /** A page of nicks from the position the cursor names (a number: how many came before). */
  static Page<List<String>> nicks(List<String> all, int limit, String cursor, int budget) throws BadPage {
    int from = 0;
    if (cursor != null) {
      try {
        from = Integer.parseInt(cursor);
      } catch (NumberFormatException e) {
        throw new BadPage("no such cursor \"" + cursor + "\"");
      }
      if (from < 0) {
        throw new BadPage("no such cursor \"" + cursor + "\"");
      }
    }
    List<String> page = new ArrayList<>();
    int bytes = OVERHEAD;
    int at = Math.min(from, all.size());
    while (at < all.size() && page.size() < limit) {
      int cost = all.get(at).getBytes(StandardCharsets.UTF_8).length + 3;
      if (!page.isEmpty() && bytes + cost > budget) {
        break;
      }
      bytes += cost;
      page.add(all.get(at++));
    }
    return new Page<>(page, at < all.size() ? Integer.toString(at) : null);
  }

  /**
   * A page of rooms by name from {@code rooms} (those after the cursor, in order), keeping those
   * {@code listed} says the client may see. At most {@code limit} rooms, and at most {@code scan}
   * are looked at: a client that may see few of many rooms gets a short (even empty) page with a
   * cursor to go on from, so no page costs more than {@code scan} rooms.
   */
  static Page<Map<String, Integer>> rooms(Iterator<Map.Entry<String, Integer>> rooms, Predicate<String> listed,
      int limit, int scan, int budget) {
    Map<String, Integer> page = new LinkedHashMap<>();
    int bytes = OVERHEAD;
    String last = null;
    int looked = 0;
    while (rooms.hasNext()) {
      if (page.size() >= limit || looked >= scan) {
        return new Page<>(page, last);
      }
      Map.Entry<String, Integer> room = rooms.next();
      looked++;
      if (!listed.test(room.getKey())) {
        last = room.getKey();
        continue;
      }
      int cost = room.getKey().getBytes(StandardCharsets.UTF_8).length + 32;
      if (!page.isEmpty() && bytes + cost > budget) {
        return new Page<>(page, last);
      }
      bytes += cost;
      page.put(room.getKey(), room.getValue());
      last = room.getKey();
    }
    return new Page<>(page, null);
  }
}
