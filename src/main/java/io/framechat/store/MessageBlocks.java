package io.framechat.store;

import io.framechat.chat.StoredMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the SQLite store packs a room's messages: the messages of one room and epoch that one
 * transaction writes, in seq order, go in blocks of at most {@value #MAX_MESSAGES}, one row each
 * (SQLite's cost is per row: two B-tree inserts and a call per bound value). A block never spans
 * {@value #MAX_SPAN} seqs or more, so a read that starts at a seq looks at blocks starting at most
 * that far before it. A block's body is its format ({@value #FORMAT}) and, per message, its seq,
 * timestamp, id, sender and text (each string a 4-byte length and UTF-8).
 */
final class MessageBlocks {

  /** Messages in one block at most. */
  static final int MAX_MESSAGES = 128;
  /** A block's last seq is less than its first plus this (a fixed bound: reads rely on it). */
  static final long MAX_SPAN = 1024;
  /** The body's format. */
  static final byte FORMAT = 1;

  /** One block: where it starts and ends, its newest timestamp, its body. */
  @SuppressWarnings("ArrayRecordComponent") // the body is handed to the database as it is, never compared
  record Block(String room, String epoch, long firstSeq, long lastSeq, long lastTs, byte[] body) {
  }

  private MessageBlocks() {
  }

  /**
   * Messages to pack, by index. The rows waiting to be written ({@link RowBlock}) are one: they hold
   * each message's id, sender and text already as a block does, and hand those bytes over as they
   * are; any other list of messages is encoded here ({@link #pack(List)}).
   */
  interface Source {
    int size();

    String room(int index);

    String epoch(int index);

    long seq(int index);

    long ts(int index);

    /** The length of the message's id, sender and text as a block holds them (each a 4-byte length and UTF-8). */
    int stringsLength(int index);

    /** Puts those bytes into {@code body}. */
    void putStrings(int index, ByteBuffer body);
  }

  /**
   * The blocks of {@code messages} (in the order written: a room's in seq order): per room and
   * epoch, runs of at most {@link #MAX_MESSAGES} within {@link #MAX_SPAN} seqs. A list that is a
   * {@link Source} (the rows waiting to be written) gives its bytes as they are.
   */
  static List<Block> pack(List<StoredMessage> messages) {
    return packed(messages instanceof Source rows ? rows : new Encoded(messages));
  }

  private static List<Block> packed(Source messages) {
    List<Run> runs = new ArrayList<>();
    Map<String, Run> open = new HashMap<>();
    Run last = null;
    for (int i = 0; i < messages.size(); i++) {
      String room = messages.room(i);
      String epoch = messages.epoch(i);
      // most batches are one busy room's: the run of the message before is looked at first
      boolean sameAsLast = last != null && last.room.equals(room) && last.epoch.equals(epoch);
      String key = sameAsLast ? null : room + '\u0000' + epoch;
      Run run = sameAsLast ? last : open.get(key);
      long seq = messages.seq(i);
      if (run == null || run.count >= MAX_MESSAGES || seq <= run.lastSeq || seq - run.firstSeq >= MAX_SPAN) {
        run = new Run(room, epoch, seq);
        runs.add(run);
        open.put(key != null ? key : room + '\u0000' + epoch, run);
      }
      run.add(i, seq);
      last = run;
    }
    List<Block> blocks = new ArrayList<>(runs.size());
    for (Run run : runs) {
      blocks.add(block(messages, run));
    }
    return blocks;
  }

  /** One block of a run: messages of one room and epoch, in seq order, within the bounds. */
  private static Block block(Source messages, Run run) {
    int size = 1;
    for (int i = 0; i < run.count; i++) {
      size += 16 + messages.stringsLength(run.at[i]);
    }
    ByteBuffer body = ByteBuffer.allocate(size).put(FORMAT);
    for (int i = 0; i < run.count; i++) {
      int at = run.at[i];
      body.putLong(messages.seq(at)).putLong(messages.ts(at));
      messages.putStrings(at, body);
    }
    return new Block(run.room, run.epoch, run.firstSeq, run.lastSeq, messages.ts(run.at[run.count - 1]), body.array());
  }

  /** The messages of one block to be: where they are in the source. */
  private static final class Run {
    final String room;
    final String epoch;
    final long firstSeq;
    long lastSeq;
    int[] at = new int[8];
    int count;

    Run(String room, String epoch, long firstSeq) {
      this.room = room;
      this.epoch = epoch;
      this.firstSeq = firstSeq;
    }

    void add(int index, long seq) {
      if (count == at.length) {
        at = Arrays.copyOf(at, Math.min(MAX_MESSAGES, count * 2));
      }
      at[count++] = index;
      lastSeq = seq;
    }
  }

  /** Messages as objects (an older file's rows being moved, a block pruned in part): their strings encoded here. */
  private static final class Encoded implements Source {
    private final List<StoredMessage> messages;
    /** Per message, once asked for: its id, sender and text as a block holds them. */
    private final byte[][] strings;

    Encoded(List<StoredMessage> messages) {
      this.messages = messages;
      this.strings = new byte[messages.size()][];
    }

    @Override
    public int size() {
      return messages.size();
    }

    @Override
    public String room(int index) {
      return messages.get(index).room();
    }

    @Override
    public String epoch(int index) {
      return messages.get(index).epoch();
    }

    @Override
    public long seq(int index) {
      return messages.get(index).seq();
    }

    @Override
    public long ts(int index) {
      return messages.get(index).ts();
    }

    @Override
    public int stringsLength(int index) {
      return encoded(index).length;
    }

    @Override
    public void putStrings(int index, ByteBuffer body) {
      body.put(encoded(index));
    }

    private byte[] encoded(int index) {
      if (strings[index] == null) {
        StoredMessage message = messages.get(index);
        byte[] id = message.id().getBytes(StandardCharsets.UTF_8);
        byte[] from = message.from().getBytes(StandardCharsets.UTF_8);
        byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
        strings[index] = ByteBuffer.allocate(12 + id.length + from.length + text.length)
            .putInt(id.length).put(id).putInt(from.length).put(from).putInt(text.length).put(text).array();
      }
      return strings[index];
    }
  }

  /** The messages of a block's {@code body}, in seq order. */
  static List<StoredMessage> unpack(String room, String epoch, byte[] body) {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte format = in.get();
    if (format != FORMAT) {
      throw new IllegalStateException("a block of room " + room + " is of format " + format + ", not " + FORMAT
          + " (written by a later release?)");
    }
    List<StoredMessage> messages = new ArrayList<>();
    while (in.hasRemaining()) {
      long seq = in.getLong();
      long ts = in.getLong();
      String id = string(body, in);
      String from = string(body, in);
      String text = string(body, in);
      messages.add(new StoredMessage(room, epoch, seq, id, from, text, ts));
    }
    return messages;
  }

  private static String string(byte[] body, ByteBuffer in) {
    int length = in.getInt();
    String value = new String(body, in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }
}
