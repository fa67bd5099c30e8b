package io.framechat.chat;

import io.framechat.bus.EndpointRef;
import io.framechat.protocol.Command;
import io.framechat.protocol.Parsed;
import io.vertx.core.Promise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A client's requests keep their order across a wait, also when what completes the wait fails. */
class RequestsTest {

  private final List<String> ran = new ArrayList<>();
  private final Requests requests = new Requests((client, request) -> ran.add(((Command.Ping) request).id().toString()),
      client -> true);
  private final Client client = new Client(new EndpointRef(1, "g", "tcp", "192.0.2.1:1"), "guest-1", 0);

  private static Parsed ping(String id) {
    return new Command.Ping(id);
  }

  @Test
  @DisplayName("requests that came during a wait run after it, in order, even when completing the wait throws")
  void order_survives_a_failing_completion() {
    Promise<String> claim = Promise.promise();
    requests.await(client, claim.future(), done -> {
      ran.add("completed");
      throw new IllegalStateException("a bug in what completes the wait");
    });
    requests.submit(client, ping("second"));
    requests.submit(client, ping("third"));
    assertEquals(List.of(), ran, "they wait");
    claim.complete("taken");
    assertEquals(List.of("completed", "second", "third"), ran);
    assertFalse(client.busy);
    requests.submit(client, ping("fourth"));
    assertEquals(List.of("completed", "second", "third", "fourth"), ran);
  }
}
