package io.framechat.store;

import io.framechat.chat.StoredMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
   * The blocks of {@code messages} (in the order written: a room's in seq order): per room and
   * epoch, runs of at most {@link #MAX_MESSAGES} within {@link #MAX_SPAN} seqs.
   */
  static List<Block> pack(List<StoredMessage> messages) {
    List<List<StoredMessage>> runs = new ArrayList<>();
    Map<String, List<StoredMessage>> open = new HashMap<>();
    for (StoredMessage message : messages) {
      String key = message.room() + '\u0000' + message.epoch();
      List<StoredMessage> run = open.get(key);
      if (run == null || run.size() >= MAX_MESSAGES || message.seq() <= run.get(run.size() - 1).seq()
          || message.seq() - run.get(0).seq() >= MAX_SPAN) {
        run = new ArrayList<>();
        runs.add(run);
        open.put(key, run);
      }
      run.add(message);
    }
    List<Block> blocks = new ArrayList<>(runs.size());
    for (List<StoredMessage> run : runs) {
      blocks.add(block(run));
    }
    return blocks;
  }

  /** One block of {@code run}: messages of one room and epoch, in seq order, within the bounds. */
  static Block block(List<StoredMessage> run) {
    int size = 1;
    List<byte[]> strings = new ArrayList<>(run.size() * 3);
    for (StoredMessage message : run) {
      size += 16 + utf8(strings, message.id()) + utf8(strings, message.from()) + utf8(strings, message.text());
    }
    ByteBuffer body = ByteBuffer.allocate(size).put(FORMAT);
    int next = 0;
    for (StoredMessage message : run) {
      body.putLong(message.seq()).putLong(message.ts());
      for (int i = 0; i < 3; i++) {
        byte[] bytes = strings.get(next++);
        body.putInt(bytes.length).put(bytes);
      }
    }
    StoredMessage first = run.get(0);
    StoredMessage last = run.get(run.size() - 1);
    return new Block(first.room(), first.epoch(), first.seq(), last.seq(), last.ts(), body.array());
  }

  /** Adds {@code value}'s UTF-8 bytes to {@code strings}; returns the room they take with their length. */
  private static int utf8(List<byte[]> strings, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    strings.add(bytes);
    return 4 + bytes.length;
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
