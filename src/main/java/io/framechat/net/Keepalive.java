package io.framechat.net;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ServerFrames;

/**
 * Keeps a gateway's connections honest about being alive: a client silent for half of the idle
 * timeout is sent {@code {"type":"ping","id":"keepalive"}}; one silent for all of it (it did not
 * answer) gets {@code bye} {@code idle} and is closed. For connection transports (TCP, WebSocket);
 * UDP sessions simply expire.
 */
public final class Keepalive {

  private final FrameBatch ping;
  private final FrameBatch bye;

  public Keepalive(FrameEncoder encoder) {
    this.ping = FrameBatch.of(encoder.encode(ServerFrames.ping("keepalive")));
    this.bye = FrameBatch.of(encoder.encode(ServerFrames.bye(CloseReason.IDLE)));
  }

  /** One round, at {@code now}, with the idle timeout in force (0: never). */
  public void check(Gateway gateway, int idleSeconds, long now) {
    if (idleSeconds == 0) {
      return;
    }
    for (Endpoint endpoint : gateway.silentSince(now - idleSeconds * 500L)) {
      if (endpoint.lastHeardMillis() < now - idleSeconds * 1000L) {
        endpoint.close(bye, CloseReason.IDLE);
      } else if (endpoint instanceof EndpointBase base && !base.pinged()) {
        base.pinged(true);
        endpoint.send(ping);
      }
    }
  }
}
