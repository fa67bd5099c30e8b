package io.framechat.chat;

import io.framechat.config.ChatOptions;
import io.framechat.config.FramechatConfig;
import io.framechat.protocol.RoomMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the history counts against {@code chat.historyMaxBytes} is what it holds on the heap, to
 * within 10 %: measured with the JVM's class histogram (live objects, after a full collection)
 * before and after filling it, for many small rooms and for a few long ones.
 */
class RoomHistoryMemoryTest {

  private static final Pattern TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

  /** Bytes of live objects on the heap now (the histogram runs a full collection first). */
  private static long liveHeap() throws Exception {
    String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Matcher total = TOTAL.matcher(histogram);
    assertTrue(total.find(), histogram.substring(Math.max(0, histogram.length() - 300)));
    return Long.parseLong(total.group(1));
  }

  @ParameterizedTest(name = "{0} rooms of {1} messages of {2} characters")
  @CsvSource({"100000, 1, 20", "10000, 10, 100", "300, 200, 400"})
  @DisplayName("the bytes counted are the bytes held, within 10 %")
  void counted_is_held(int rooms, int messages, int text) throws Exception {
    ChatOptions chat = ChatOptions.fromJson(new JsonObject().put("historySize", 1000));
    long before = liveHeap();
    RoomHistory history = new RoomHistory(() -> chat);
    long now = System.currentTimeMillis();
    for (int r = 0; r < rooms; r++) {
      String room = "flood-" + r + "-" + UUID.randomUUID().toString().substring(0, 6);
      String epoch = UUID.randomUUID().toString().substring(0, 8);
      for (int m = 1; m <= messages; m++) {
        Buffer body = new RoomMessage("n-" + r + "-" + m, room, "someone", "x".repeat(text), now).encode(m, epoch);
        history.keep(room, epoch, m, now, body);
      }
    }
    long held = liveHeap() - before;
    long counted = history.bytes();
    System.out.printf("%d rooms x %d messages: held %,d bytes, counted %,d (%.3f)%n", rooms, messages, held, counted,
        (double) counted / held);
    assertTrue(Math.abs(counted - held) <= held / 10, "counted " + counted + " against " + held + " held");
    assertTrue(history.rooms() == rooms);
  }
}
