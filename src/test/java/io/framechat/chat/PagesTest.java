package io.framechat.chat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page of rooms costs what it holds, however many rooms there are. */
class PagesTest {

  /** 100,000 rooms, counting how many of them a page looks at. */
  private static final class Counted implements Iterator<Map.Entry<String, Integer>> {
    private final Iterator<Map.Entry<String, Integer>> rooms;
    int looked;

    Counted(String after) {
      TreeMap<String, Integer> all = new TreeMap<>();
      for (int i = 0; i < 100_000; i++) {
        all.put(String.format("room%06d", i), 1);
      }
      rooms = (after == null ? all : all.tailMap(after, false)).entrySet().iterator();
    }

    @Override
    public boolean hasNext() {
      return rooms.hasNext();
    }

    @Override
    public Map.Entry<String, Integer> next() {
      looked++;
      return rooms.next();
    }
  }

  @Test
  @DisplayName("a page of 10 looks at 10 rooms of 100,000, and its cursor is the last room listed")
  void a_page_costs_its_size() {
    Counted rooms = new Counted(null);
    Pages.Page<Map<String, Integer>> page = Pages.rooms(rooms, room -> true, 10, 800, 65_536);
    assertEquals(10, page.entries().size());
    assertEquals(10, rooms.looked);
    assertEquals("room000009", page.next());
  }

  @Test
  @DisplayName("a client that may see few rooms gets a short page after at most the scan bound, with a cursor to go on from")
  void few_visible_rooms_stop_at_the_scan_bound() {
    Counted rooms = new Counted(null);
    Pages.Page<Map<String, Integer>> page = Pages.rooms(rooms, room -> room.endsWith("77777"), 200, 800, 65_536);
    assertTrue(page.entries().isEmpty());
    assertEquals(800, rooms.looked);
    assertEquals("room000799", page.next());
    Counted rest = new Counted("room077000");
    Pages.Page<Map<String, Integer>> found = Pages.rooms(rest, room -> room.endsWith("77777"), 200, 800, 65_536);
    assertEquals(Map.of("room077777", 1), found.entries());
  }

  @Test
  @DisplayName("a page stops where the reply would no longer fit the client's frame or datagram; the last page has no cursor")
  void a_page_fits_the_transport() {
    Pages.Page<Map<String, Integer>> page = Pages.rooms(new Counted(null), room -> true, 200, 800, 1000);
    assertTrue(page.entries().size() < 30, page.entries().size() + " rooms");
    Pages.Page<Map<String, Integer>> last = Pages.rooms(new Counted("room099995"), room -> true, 200, 800, 65_536);
    assertEquals(4, last.entries().size());
    assertNull(last.next());
  }
}
