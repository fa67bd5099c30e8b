package io.framechat.server;

import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
@Timeout(120)
class ManyClientsTest {

  private static final int CLIENTS = 200;
  private static final int MESSAGES_EACH = 5;

  @Test
  @DisplayName("200 concurrent clients each send 5 messages and each receives all 1000, in order per sender")
  void every_client_receives_every_message_in_sender_order(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(TestClient.tcp(vertx, server.tcpPort()));
    }
    for (int round = 0; round < MESSAGES_EACH; round++) {
      for (TestClient client : clients) {
        client.send(new JsonObject().put("type", "say").put("text", client.nick() + "#" + round));
      }
    }
    for (TestClient client : clients) {
      Map<String, Integer> nextFrom = new HashMap<>();
      for (int n = 0; n < CLIENTS * MESSAGES_EACH; n++) {
        JsonObject message = client.nextOfType("message");
        String from = message.getString("from");
        int expected = nextFrom.getOrDefault(from, 0);
        assertEquals(from + "#" + expected, message.getString("text"), "order of " + from + " at " + client.nick());
        nextFrom.put(from, expected + 1);
      }
      assertEquals(CLIENTS, nextFrom.size());
      nextFrom.values().forEach(count -> assertEquals(MESSAGES_EACH, count));
    }
  }
}
