package io.framechat.cluster;

import io.framechat.chat.MessageStore;
import io.framechat.chat.StoredMessage;
import io.framechat.config.StoreOptions;
import io.framechat.metrics.ChatMetrics;
import io.framechat.store.Stores;
import io.framechat.testing.OnContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A room's owner keeping what it numbers in a real store (an SQLite file) over a shared history in
 * memory: a cluster stopped, or killed, as a whole starts its logs afresh and each room goes on
 * from the store.
 */
class StoredRoomsTest {

  @TempDir
  Path dir;
  private final OnContext loop = new OnContext();
  private final Vertx vertx = loop.vertx();
  private final List<String> epochs = new ArrayList<>();
  private final List<Long> firstSeqs = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    loop.close();
  }

  /** A node of a cluster just started: an empty shared history, the store on its file. */
  private RoomSequencer node(MemoryHistory shared, MessageStore store) {
    return new RoomSequencer(shared, new RoomKeeper(store, false, () -> 10), (room, epoch, first, bodies) -> {
      epochs.add(epoch);
      firstSeqs.add(first);
    }, () -> 1000, n -> { });
  }

  /** The store on its file (SQLite stands in for the cluster's PostgreSQL here: what the owner does is the same). */
  private MessageStore store() throws Exception {
    StoreOptions options = new StoreOptions(StoreOptions.Kind.SQLITE, dir.resolve("framechat.db").toString(),
        StoreOptions.DEFAULTS.postgres(), StoreOptions.Durability.BATCH, 5, 1000, 100_000, 0, 0, 10_000, 5);
    return loop.await(() -> Stores.open(vertx, options, false, new ChatMetrics(new SimpleMeterRegistry())));
  }

  private List<Long> say(RoomSequencer node, int count) throws Exception {
    List<RoomSequencer.Pending> messages = IntStream.range(0, count).mapToObj(i -> {
      String id = "m" + System.nanoTime() + "-" + i;
      return new RoomSequencer.Pending(id, new JsonObject().put("type", "message").put("id", id).put("room", "dev")
          .put("from", "ann").put("text", "text " + id).put("ts", 1L).toBuffer());
    }).toList();
    List<Future<Long>> seqs = loop.await(() -> Future.succeededFuture(node.append("dev", messages)));
    List<Long> numbered = new ArrayList<>();
    for (Future<Long> seq : seqs) {
      numbered.add(loop.await(() -> seq));
    }
    return numbered;
  }

  private List<Long> kept(MessageStore store, String epoch) throws Exception {
    return loop.await(() -> store.after("dev", epoch, 0, Long.MAX_VALUE, 10_000))
        .messages().stream().map(StoredMessage::seq).toList();
  }

  @Test
  void aClusterStoppedAsAWholeGoesOnFromTheStore() throws Exception {
    MessageStore store = store();
    RoomSequencer first = node(new MemoryHistory("me"), store);
    assertEquals(List.of(1L, 2L, 3L), say(first, 3));
    String epoch = epochs.get(0);
    loop.await(first::close); // gives back the seqs reserved ahead, closes the store

    MessageStore again = store();
    MemoryHistory fresh = new MemoryHistory("me");
    RoomSequencer second = node(fresh, again);
    assertEquals(List.of(4L, 5L), say(second, 2), "no gap after a clean stop");
    assertEquals(epoch, epochs.get(epochs.size() - 1), "the same epoch");
    assertEquals(List.of(4L, 5L), loop.await(() -> fresh.read("dev")).slice().bodies().stream()
        .map(body -> new JsonObject(body).getLong("seq")).toList(), "the new log stamps with its base");
    loop.await(second::close);
    assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(), kept(store(), epoch), "each kept once, by its owner");
  }

  @Test
  void aClusterKilledAsAWholeGoesOnPastEverySeqItMayHaveGivenOut() throws Exception {
    MessageStore store = store();
    RoomSequencer first = node(new MemoryHistory("me"), store);
    say(first, 3);
    String epoch = epochs.get(0);
    // killed: nothing given back; what was written is on the file
    assertTrue(loop.await(() -> store.after("dev", epoch, 0, 3, 10)).messages().size() <= 3);

    RoomSequencer second = node(new MemoryHistory("me"), store());
    long next = say(second, 1).get(0);
    assertTrue(next > 3 + io.framechat.chat.ReserveAhead.MIN - 1, "past the reservation: " + next);
    assertEquals(epoch, epochs.get(epochs.size() - 1));
  }

  @Test
  void aLogLostWhileTheClusterRunsIsRebasedNotRenumbered() throws Exception {
    MemoryHistory shared = new MemoryHistory("me");
    RoomSequencer node = node(shared, store());
    say(node, 4);
    String epoch = epochs.get(0);
    shared.logs.remove("dev"); // the partition and its backup were lost; the epoch entry stands
    assertEquals(List.of(5L), say(node, 1));
    assertEquals(epoch, epochs.get(epochs.size() - 1), "the store holds seqs 1 to 4: the epoch stands");
    assertEquals(5L, loop.await(() -> shared.read("dev")).slice().lastSeq(), "readers stamp with the new base");
  }

  @Test
  void whatATakenUpLogHoldsIsKeptByTheNewOwner() throws Exception {
    MemoryHistory shared = new MemoryHistory("me");
    // a node that kept nothing (it died before writing) numbered two messages
    RoomSequencer dead = new RoomSequencer(shared, RoomKeeper.NONE, (room, epoch, first, bodies) -> { }, () -> 100, n -> { });
    loop.await(() -> Future.succeededFuture(dead.append("dev", List.of(
        new RoomSequencer.Pending("a", Buffer.buffer("{\"type\":\"message\",\"id\":\"a\",\"room\":\"dev\",\"from\":\"ann\",\"text\":\"x\",\"ts\":1}")),
        new RoomSequencer.Pending("b", Buffer.buffer("{\"type\":\"message\",\"id\":\"b\",\"room\":\"dev\",\"from\":\"ann\",\"text\":\"y\",\"ts\":2}"))))));
    MessageStore store = store();
    RoomSequencer owner = node(shared, store);
    assertEquals(List.of(3L), say(owner, 1));
    String epoch = epochs.get(epochs.size() - 1);
    loop.await(owner::close);
    assertEquals(List.of(1L, 2L, 3L), kept(store(), epoch));
  }
}
