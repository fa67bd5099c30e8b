package io.framechat.server;

import io.framechat.client.GapRepair;
import io.framechat.client.SeqTracker;
import io.framechat.client.UdpChatConnection;
import io.framechat.testing.LossyUdpProxy;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.BitSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A UDP client on a lossy path repairs every gap from the room's history. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class UdpRepairTest {

  @Test
  @DisplayName("dropping every 10th datagram both ways, the UDP client still gets every message exactly once")
  void lossy_udp_client_repairs_every_gap(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("chat", "historySize", 1000));
    LossyUdpProxy proxy = LossyUdpProxy.start(vertx, server.udpPort(), 10);
    UdpChatConnection udp = UdpChatConnection.open(vertx, "127.0.0.1", proxy.port()).await(10, TimeUnit.SECONDS);
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    GapRepair repair = new GapRepair(udp).frameHandler(frames::add);
    udp.send(new JsonObject().put("type", "join").put("room", "lossy"));
    while (!"joined".equals(poll(frames).getString("type"))) {
      // the welcome comes first
    }

    TestClient sender = TestClient.tcp(vertx, server.tcpPort()).hello("sender").join("lossy");
    int total = 500;
    sender.chatter(vertx, "lossy", total);
    BitSet seen = new BitSet();
    while (seen.cardinality() < total) {
      JsonObject frame = poll(frames);
      if ("message".equals(frame.getString("type"))) {
        int seq = frame.getInteger("seq");
        assertFalse(seen.get(seq), "seq " + seq + " passed twice");
        assertTrue(seq >= 1 && seq <= total, frame.encode());
        seen.set(seq);
      }
    }

    SeqTracker.Counts counts = repair.tracker().counts();
    repair.stop();
    assertEquals(0, counts.lost(), "nothing lost for good");
    assertEquals(counts.gaps(), counts.repaired(), "every missing seq repaired");
    assertTrue(counts.repaired() >= total / 10 - 5, "about every 10th datagram was lost: " + counts);
    System.out.printf("udp over a lossy path: %d messages, %d datagrams dropped to the client and %d to the"
        + " server, %d gaps found, %d repaired, %d lost, %d duplicates dropped%n",
        total, proxy.droppedToClients(), proxy.droppedToServer(), counts.gaps(), counts.repaired(), counts.lost(),
        counts.duplicates());
  }

  private static JsonObject poll(BlockingQueue<JsonObject> frames) throws InterruptedException {
    JsonObject frame = frames.poll(TestClient.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertNotNull(frame, "no frame within " + TestClient.TIMEOUT_MS + " ms");
    return frame;
  }
}
