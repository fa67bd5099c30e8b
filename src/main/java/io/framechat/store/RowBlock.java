package io.framechat.store;

import io.framechat.chat.StoredMessage;
import io.vertx.core.Promise;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Up to {@link #capacity} messages waiting to be written, packed into one buffer as they come: per
 * message its room, epoch, id, sender and text (each a length and UTF-8 bytes) and its seq and
 * timestamp. Under load a message waits for the transaction before its own to commit, long enough
 * to outlive young collections; kept as objects (the message, its strings, what tracks it) it was
 * promoted and collected again with the old generation, while packed it is a few bytes in one array.
 * The rows are read back one at a time ({@link #rows}), on the database's thread once the block is
 * {@link #seal sealed}; SQLite's blocks take their id, sender and text as they are packed here.
 * Once written, a block is {@link #reset} and filled again ({@link SpareRowBlocks}): its array, grown
 * to a transaction's size and old by then, is not made and promoted anew for each transaction.
 * Filled and dropped from on one event loop.
 */
final class RowBlock {

  private final int capacity;
  private ByteBuffer bytes;
  private int[] starts;
  private long[] since;
  private int count;
  /** Rows dropped from the front (the oldest, when too many wait). */
  private int dropped;
  private boolean sealed;
  private final ArrayDeque<Promise<Void>> promises = new ArrayDeque<>();

  /**
   * Stands for nobody, for a row no one waits for ({@code store.durability} {@code batch}): already
   * complete, so completing or failing it again does nothing, and one object for every such row.
   */
  static final Promise<Void> NO_ONE = Promise.promise();

  static {
    NO_ONE.complete();
  }

  RowBlock(int capacity, int bytesHint) {
    this.capacity = capacity;
    this.bytes = ByteBuffer.allocate(bytesHint);
    this.starts = new int[Math.min(capacity, 64)];
    this.since = new long[starts.length];
  }

  /** Whether another row fits (not full, not sealed). */
  boolean open() {
    return !sealed && count < capacity;
  }

  /** Adds a row, waiting since {@code now} (epoch milliseconds). */
  void add(StoredMessage message, long now) {
    if (!open()) {
      throw new IllegalStateException("a sealed or full block takes no more rows");
    }
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, Math.min(capacity, count * 2));
      since = Arrays.copyOf(since, starts.length);
    }
    byte[] room = utf8(message.room());
    byte[] epoch = utf8(message.epoch());
    byte[] id = utf8(message.id());
    byte[] from = utf8(message.from());
    byte[] text = utf8(message.text());
    int length = 5 * Integer.BYTES + 2 * Long.BYTES + room.length + epoch.length + id.length + from.length
        + text.length;
    if (bytes.remaining() < length) {
      ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + length));
      bytes.flip();
      bytes = larger.put(bytes);
    }
    starts[count] = bytes.position();
    since[count] = now;
    count++;
    text(room);
    text(epoch);
    bytes.putLong(message.seq());
    text(id);
    text(from);
    text(text);
    bytes.putLong(message.ts());
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private void text(byte[] utf8) {
    bytes.putInt(utf8.length).put(utf8);
  }

  /** Empties the block to be filled again: no rows, no promises, open; its array stays as large as it grew. */
  void reset() {
    bytes.clear();
    count = 0;
    dropped = 0;
    sealed = false;
    promises.clear();
  }

  /** No more rows: the block is being written. */
  void seal() {
    sealed = true;
  }

  boolean sealed() {
    return sealed;
  }

  /** The write failed: the block may take rows again, and give up its oldest. */
  void unseal() {
    sealed = false;
  }

  /** Who waits for the row just added to be committed (rows and promises go in the same order). */
  void promise(Promise<Void> done) {
    promises.add(done);
  }

  /** Who waits for the oldest row left, or null when no row is left. */
  Promise<Void> pollPromise() {
    return promises.poll();
  }

  /** Rows waiting (not dropped). */
  int size() {
    return count - dropped;
  }

  /** When the oldest row left began to wait, or 0 when none is left. */
  long oldestSince() {
    return size() == 0 ? 0 : since[dropped];
  }

  /** Drops the oldest row left (not of a sealed block: its rows are being written). */
  void dropOldest() {
    if (sealed || size() == 0) {
      throw new IllegalStateException("no row to drop");
    }
    dropped++;
  }

  /** Adds to {@code found} the rows left of {@code room} under {@code epoch} with seqs from {@code from} to {@code to}. */
  void find(String room, String epoch, long from, long to, List<StoredMessage> found) {
    for (StoredMessage message : rows()) {
      if (message.seq() >= from && message.seq() <= to && message.room().equals(room) && message.epoch().equals(epoch)) {
        found.add(message);
      }
    }
  }

  /** Moves whoever waits for the rows left to {@code into}. */
  void pollPromises(List<Promise<Void>> into) {
    for (Promise<Void> done = pollPromise(); done != null; done = pollPromise()) {
      into.add(done);
    }
  }

  /** The rows left, oldest first, each read from the bytes when asked for. */
  Rows rows() {
    return new Rows();
  }

  /**
   * The rows left, oldest first: as messages, each read from the bytes when asked for, and as a
   * {@link MessageBlocks.Source}, whose id, sender and text are copied into a block as they are here
   * (a row holds them as a block does), with a row's room and epoch read once for a run of rows that
   * share them. Read by one thread at a time.
   */
  final class Rows extends AbstractList<StoredMessage> implements MessageBlocks.Source {
    private final LastRead room = new LastRead();
    private final LastRead epoch = new LastRead();

    @Override
    public StoredMessage get(int index) {
      return row(dropped + index);
    }

    @Override
    public int size() {
      return RowBlock.this.size();
    }

    @Override
    public String room(int index) {
      return room.at(starts[dropped + index]);
    }

    @Override
    public String epoch(int index) {
      return epoch.at(skip(starts[dropped + index]));
    }

    @Override
    public long seq(int index) {
      return bytes.getLong(seqAt(index));
    }

    @Override
    public long ts(int index) {
      return bytes.getLong(stringsEnd(index));
    }

    @Override
    public int stringsLength(int index) {
      return stringsEnd(index) - seqAt(index) - Long.BYTES;
    }

    @Override
    public void putStrings(int index, ByteBuffer body) {
      int from = seqAt(index) + Long.BYTES;
      body.put(bytes.array(), from, stringsEnd(index) - from);
    }

    private int seqAt(int index) {
      return skip(skip(starts[dropped + index]));
    }

    private int stringsEnd(int index) {
      return skip(skip(skip(seqAt(index) + Long.BYTES)));
    }
  }

  /** The last string read at one field of the rows, kept while the next rows hold the same bytes. */
  private final class LastRead {
    private int at = -1;
    private String value;

    /** The length-prefixed string at {@code at}: the one read before when its bytes are the same. */
    String at(int where) {
      if (at < 0 || !same(at, where)) {
        at = where;
        value = string(where);
      }
      return value;
    }
  }

  private StoredMessage row(int index) {
    int at = starts[index];
    String room = string(at);
    at = skip(at);
    String epoch = string(at);
    at = skip(at);
    long seq = bytes.getLong(at);
    at += Long.BYTES;
    String id = string(at);
    at = skip(at);
    String from = string(at);
    at = skip(at);
    return new StoredMessage(room, epoch, seq, id, from, string(at), bytes.getLong(skip(at)));
  }

  /** Whether the length-prefixed strings at {@code a} and {@code b} are the same bytes. */
  private boolean same(int a, int b) {
    int length = bytes.getInt(a);
    return length == bytes.getInt(b) && Arrays.equals(bytes.array(), a + Integer.BYTES, a + Integer.BYTES + length,
        bytes.array(), b + Integer.BYTES, b + Integer.BYTES + length);
  }

  private String string(int at) {
    return new String(bytes.array(), at + Integer.BYTES, bytes.getInt(at), StandardCharsets.UTF_8);
  }

  /** Where the bytes after the length-prefixed string at {@code at} start. */
  private int skip(int at) {
    return at + Integer.BYTES + bytes.getInt(at);
  }
}
