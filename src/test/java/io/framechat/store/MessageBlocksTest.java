package io.framechat.store;

import io.framechat.chat.StoredMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A room's messages packed into blocks for SQLite, and read back. */
class MessageBlocksTest {

  private static StoredMessage message(String room, long seq, String text) {
    return new StoredMessage(room, "e1", seq, "id-" + seq, "\u00e4nn", text, 1_700_000_000_000L + seq);
  }

  private static List<StoredMessage> unpack(MessageBlocks.Block block) {
    return MessageBlocks.unpack(block.room(), block.epoch(), block.body());
  }

  @Test
  @DisplayName("a block gives back every field as it went in, texts byte for byte, and says where it starts and ends")
  void round_trip() {
    List<StoredMessage> in = List.of(message("r", 7, "h\u00e9 \uD83D\uDE00 \u4e16\u754c"), message("r", 8, ""),
        message("r", 9, "x".repeat(70_000)), message("r", 10, "\"quoted\"\n\u0000nul"));
    List<MessageBlocks.Block> blocks = MessageBlocks.pack(in);
    assertEquals(1, blocks.size());
    MessageBlocks.Block block = blocks.get(0);
    assertEquals(7, block.firstSeq());
    assertEquals(10, block.lastSeq());
    assertEquals(1_700_000_000_010L, block.lastTs());
    assertEquals(in, unpack(block));
  }

  @Test
  @DisplayName("rooms written in one transaction, interleaved, each get their own blocks in seq order")
  void a_block_per_room() {
    List<StoredMessage> in = new ArrayList<>();
    for (long seq = 1; seq <= 5; seq++) {
      in.add(message("a", seq, "a" + seq));
      in.add(message("b", seq + 100, "b" + seq));
    }
    in.add(new StoredMessage("a", "e2", 1, "id", "x", "another epoch", 1));
    List<MessageBlocks.Block> blocks = MessageBlocks.pack(in);
    assertEquals(List.of("a/e1/1-5", "b/e1/101-105", "a/e2/1-1"), blocks.stream()
        .map(b -> b.room() + "/" + b.epoch() + "/" + b.firstSeq() + "-" + b.lastSeq()).toList());
    assertEquals(in.stream().filter(m -> m.room().equals("b")).toList(), unpack(blocks.get(1)));
  }

  @Test
  @DisplayName("a block holds at most 128 messages and spans fewer than 1024 seqs; a seq out of order starts another")
  void bounds() {
    List<StoredMessage> many = LongStream.rangeClosed(1, 300).mapToObj(seq -> message("r", seq, "m")).toList();
    assertEquals(List.of(128, 128, 44), MessageBlocks.pack(many).stream().map(b -> unpack(b).size()).toList());

    List<StoredMessage> sparse = List.of(message("r", 1, "m"), message("r", 1024, "m"), message("r", 2047, "m"),
        message("r", 2048, "m"));
    List<MessageBlocks.Block> blocks = MessageBlocks.pack(sparse);
    assertEquals(List.of(1L, 2047L), blocks.stream().map(MessageBlocks.Block::firstSeq).toList());
    assertTrue(blocks.stream().allMatch(b -> b.lastSeq() - b.firstSeq() < MessageBlocks.MAX_SPAN));

    List<StoredMessage> backwards = List.of(message("r", 5, "m"), message("r", 3, "m"));
    assertEquals(2, MessageBlocks.pack(backwards).size());
  }

  @Test
  @DisplayName("a body of an unknown format is refused with the room named, not misread")
  void unknown_format() {
    byte[] body = MessageBlocks.pack(List.of(message("r", 1, "m"))).get(0).body();
    body[0] = 9;
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> MessageBlocks.unpack("r", "e1", body));
    assertTrue(refused.getMessage().contains("room r"), refused.getMessage());
  }

  @Test
  @DisplayName("the body is the format byte, then per message its seq, timestamp and three length-prefixed strings")
  void layout() {
    byte[] body = MessageBlocks.pack(List.of(new StoredMessage("r", "e", 1, "i", "f", "t\u00e9", 2))).get(0).body();
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 'i', 0, 0, 0, 1, 'f',
        0, 0, 0, 3, 't', (byte) 0xc3, (byte) 0xa9}, body);
  }

  @Test
  @DisplayName("the rows waiting to be written pack into the same blocks, byte for byte, as the same messages as objects")
  void rows_pack_as_they_are() {
    List<StoredMessage> in = new ArrayList<>();
    for (long seq = 1; seq <= 300; seq++) {
      in.add(message(seq % 3 == 0 ? "b" : "a\u00df", seq, seq % 7 == 0 ? "h\u00e9 \uD83D\uDE00" : "text " + seq));
    }
    in.add(new StoredMessage("a\u00df", "e2", 1, "id", "x", "another epoch", 1));
    in.add(message("a\u00df", 301, ""));
    RowBlock rows = new RowBlock(1000, 64);
    rows.add(message("dropped", 1, "the oldest, dropped before the write"), 0);
    in.forEach(message -> rows.add(message, 0));
    rows.dropOldest();
    RowBlock.Rows waiting = rows.rows();
    assertEquals(in, waiting);
    List<MessageBlocks.Block> expected = MessageBlocks.pack(new ArrayList<>(in));
    List<MessageBlocks.Block> packed = MessageBlocks.pack(waiting);
    assertEquals(expected.size(), packed.size());
    assertEquals(4, expected.size(), "a full block of room a and the rest of it, room b's, and room a's under e2");
    for (int i = 0; i < expected.size(); i++) {
      MessageBlocks.Block want = expected.get(i);
      MessageBlocks.Block got = packed.get(i);
      assertEquals(List.of(want.room(), want.epoch(), want.firstSeq(), want.lastSeq(), want.lastTs()),
          List.of(got.room(), got.epoch(), got.firstSeq(), got.lastSeq(), got.lastTs()));
      assertArrayEquals(want.body(), got.body(), "block " + i);
    }
  }
}
