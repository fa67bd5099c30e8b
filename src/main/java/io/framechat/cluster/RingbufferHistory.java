package io.framechat.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The {@link SharedHistory} kept by Hazelcast: a Ringbuffer per room ({@value #PREFIX}ROOM, sized
 * and aged like {@code chat.historySize} and {@code chat.historySeconds}, one backup), whose
 * sequence numbers are the log positions ({@link HistoryRules}), and a map of room epochs (each
 * with its base, {@link HistoryRules#value}). Items are message bodies without seq and epoch, which
 * are added when read.
 *
 * <p>Appends are asynchronous; the rare reads and epoch checks go to a worker thread.
 */
final class RingbufferHistory implements SharedHistory {

  /** Ringbuffer names start with this; the Hazelcast configuration matches it. */
  static final String PREFIX = "framechat.history.";
  /** The map of room epochs. */
  static final String EPOCHS = "framechat.epochs";
  /** The member attribute in which Vert.x's cluster manager keeps its node id. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  /** Hazelcast reads at most this many items at once (and no more than the capacity). */
  private static final int READ_BATCH = 1000;
  private static final int REMEMBERED_PARTITIONS = 10_000;

  private final HazelcastInstance hazelcast;
  private final Context context;
  private final IMap<String, String> epochs;
  /**
   * The partition of each room seen lately: finding it serializes and hashes the name, while a
   * partition tells its current owner at once. The least recently used give way past
   * {@value #REMEMBERED_PARTITIONS}. Used on the broadcast verticle's event loop only.
   */
  private final Map<String, Partition> partitions = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Partition> eldest) {
      return size() > REMEMBERED_PARTITIONS;
    }
  };

  RingbufferHistory(HazelcastInstance hazelcast, Context context) {
    this.hazelcast = hazelcast;
    this.context = context;
    this.epochs = hazelcast.getMap(EPOCHS);
  }

  /** Asked for every message: the partition of a room seen lately is kept. */
  @Override
  public String owner(String room) {
    Member owner = partitions.computeIfAbsent(room, r -> hazelcast.getPartitionService().getPartition(PREFIX + r))
        .getOwner();
    return owner == null || !hazelcast.getCluster().getMembers().contains(owner) ? null
        : owner.getAttribute(NODE_ID_ATTRIBUTE);
  }

  @Override
  public Future<Long> append(String room, List<Buffer> bodies) {
    List<byte[]> items = new ArrayList<>(bodies.size());
    for (Buffer body : bodies) {
      items.add(body.getBytes());
    }
    Promise<Long> appended = Promise.promise();
    // the answer is handed straight to this node's context: Hazelcast's default for completions
    // is a new thread per completion where the common fork-join pool has a single thread (2 cores)
    ringbuffer(room).addAllAsync(items, OverflowPolicy.OVERWRITE).whenCompleteAsync((last, failure) ->
        context.runOnContext(v -> {
          if (failure != null) {
            appended.fail(failure);
          } else {
            appended.complete(last);
          }
        }), Runnable::run);
    return appended.future();
  }

  @Override
  public Future<Stream> epoch(String room, boolean renew) {
    return context.executeBlocking(() -> {
      String value = epochs.get(room);
      Stream existing = HistoryRules.stream(value);
      if (HistoryRules.keepEpoch(existing == null ? null : existing.epoch(), ringbuffer(room).tailSequence(), renew)) {
        return existing;
      }
      String fresh = HistoryRules.newEpoch();
      if (value == null) {
        String raced = epochs.putIfAbsent(room, fresh);
        return raced != null && !renew ? HistoryRules.stream(raced) : new Stream(fresh, 0);
      }
      return epochs.replace(room, value, fresh) ? new Stream(fresh, 0) : HistoryRules.stream(epochs.get(room));
    }, false);
  }

  @Override
  public Future<Void> start(String room, Stream stream) {
    return context.executeBlocking(() -> {
      epochs.put(room, HistoryRules.value(stream));
      return null;
    }, false);
  }

  @Override
  public Future<Log> read(String room) {
    return context.executeBlocking(() -> {
      Stream stream = HistoryRules.stream(epochs.get(room));
      Ringbuffer<byte[]> ringbuffer = ringbuffer(room);
      long tail = ringbuffer.tailSequence();
      if (stream == null || tail < 0) {
        return HistoryRules.log(stream, 0, tail, List.of());
      }
      int batch = (int) Math.min(READ_BATCH, ringbuffer.capacity());
      long next = ringbuffer.headSequence();
      long first = next;
      List<byte[]> bodies = new ArrayList<>();
      while (next <= tail) {
        ReadResultSet<byte[]> read;
        try {
          read = ringbuffer.readManyAsync(next, 0, batch, null).toCompletableFuture().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof StaleSequenceException) || !bodies.isEmpty()) {
            throw e;
          }
          // the oldest expired meanwhile: start again from the new head
          next = ringbuffer.headSequence();
          continue;
        }
        if (read.readCount() == 0) {
          break;
        }
        if (bodies.isEmpty()) {
          first = read.getSequence(0);
        }
        for (int i = 0; i < read.size(); i++) {
          bodies.add(read.get(i));
        }
        next = read.getNextSequenceToReadFrom();
      }
      return HistoryRules.log(stream, first, tail, bodies);
    }, false);
  }

  @Override
  public Future<Void> drop(String room) {
    return context.executeBlocking(() -> {
      Ringbuffer<byte[]> ringbuffer = ringbuffer(room);
      if (ringbuffer.size() == 0) {
        ringbuffer.destroy();
        epochs.remove(room);
      }
      return null;
    }, false);
  }

  @Override
  public Future<List<String>> emptyRooms() {
    return context.executeBlocking(() -> {
      List<String> rooms = new ArrayList<>();
      for (DistributedObject object : hazelcast.getDistributedObjects()) {
        String name = object.getName();
        if (object instanceof Ringbuffer<?> ringbuffer && name.startsWith(PREFIX)
            && hazelcast.getPartitionService().getPartition(name).getOwner().localMember()
            && ringbuffer.size() == 0) {
          rooms.add(name.substring(PREFIX.length()));
        }
      }
      return rooms;
    }, false);
  }

  private Ringbuffer<byte[]> ringbuffer(String room) {
    return hazelcast.getRingbuffer(PREFIX + room);
  }
}
