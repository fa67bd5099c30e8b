package io.framechat.protocol;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A request parsed and written back as JSON is the request sent (what the UDP client relies on). */
class CommandJsonTest {

  private static void roundTrip(JsonObject request) {
    Parsed parsed = JsonRequests.parse(request.encode());
    assertInstanceOf(Command.class, parsed, parsed::toString);
    assertEquals(request, CommandJson.of((Command) parsed));
  }

  @Test
  void historyRequestsGoBackAsTheyCame() {
    roundTrip(new JsonObject().put("type", "history").put("room", "dev").put("limit", 20));
    roundTrip(new JsonObject().put("type", "history").put("room", "dev").put("since", 4L)
        .put("epoch", "e1").put("until", 9L));
    roundTrip(new JsonObject().put("type", "history").put("room", "dev").put("limit", 50).put("before", 120L)
        .put("epoch", "e1"));
  }
}
