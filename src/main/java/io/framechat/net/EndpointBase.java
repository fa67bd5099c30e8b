package io.framechat.net;

import io.framechat.bus.EndpointRef;
import io.framechat.config.LimitsOptions;
import io.framechat.protocol.Command;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.FrameEncoder;
import io.framechat.protocol.ParseError;
import io.framechat.protocol.Parsed;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.logging.Logger;

/**
 * What every endpoint keeps (its handle, gateway, peer address, when it was last heard from), and
 * the one path a client's body takes into the chat, whatever the transport: flood control, parsing,
 * hand-off to the gateway, in order.
 */
public abstract class EndpointBase implements Endpoint {

  private static final Logger LOG = Logger.getLogger(EndpointBase.class.getName());

  private final Gateway gateway;
  private final EndpointRef ref;
  private final String host;
  private final ConnectionLimits.Slot slot;
  private final FloodGuard flood = new FloodGuard();
  /** Made at the client's first listing (most never list). */
  private FloodGuard listings;
  private long lastHeardMillis = System.currentTimeMillis();
  private boolean cutOff;
  private boolean pinged;
  private long framesIn;
  private long bytesIn;
  private long framesOut;
  private long bytesOut;

  /**
   * @param slot the client's place under the connection limits (taken when its socket was accepted,
   *     or its UDP session opened); null when it holds none
   */
  protected EndpointBase(Gateway gateway, String transport, String host, int port, ConnectionLimits.Slot slot) {
    this(gateway, transport, host, port, null, slot);
  }

  /** @param sessionId what every datagram must carry (UDP with authentication on), or null */
  protected EndpointBase(Gateway gateway, String transport, String host, int port, String sessionId,
      ConnectionLimits.Slot slot) {
    this.gateway = gateway;
    this.host = host;
    this.slot = slot;
    this.ref = new EndpointRef(Gateway.nextEndpointId(), gateway.address(), transport, host + ":" + port, sessionId);
  }

  /**
   * One body from the client. Within its flood allowance it is parsed and handed on; over it, the
   * refusal ({@code rate_limited}) is handed on in its place, so it reaches the client in request
   * order like any reply; past {@code limits.maxViolations} the client is cut off: nothing more it
   * sends is read, and the chat says {@code bye} after the replies it still owes.
   */
  protected final void bodyReceived(Buffer body) {
    framesIn++;
    if (admitted()) {
      received(gateway.parser().parse(body));
    }
  }

  /** The same for a body the transport has parsed already (to read its session fields first). */
  protected final void parsedReceived(Parsed parsed) {
    framesIn++;
    if (admitted()) {
      received(parsed);
    }
  }

  /** An admitted request, handed on; a listing also takes from the client's listing allowance. */
  private void received(Parsed parsed) {
    if (parsed instanceof Command.Who || parsed instanceof Command.Rooms) {
      if (listings == null) {
        listings = new FloodGuard();
      }
      LimitsOptions limits = gateway.config().limits();
      if (!allowed(listings.checkListing(System.nanoTime(), limits), "too many listings (who, rooms): slow down (at most "
          + limits.listingsPerSecond() + " a second)")) {
        return;
      }
    }
    gateway.received(this, parsed);
  }

  /** Counts bytes read from the client. */
  protected final void countIn(long bytes) {
    bytesIn += bytes;
  }

  /** Counts frames and bytes sent to the client. */
  protected final void countOut(int frames, long bytes) {
    framesOut += frames;
    bytesOut += bytes;
  }

  /** Bytes written and not yet taken by the kernel; none by default. */
  protected long pendingBytes() {
    return 0;
  }

  @Override
  public JsonObject counters() {
    return new JsonObject().put("framesIn", framesIn).put("bytesIn", bytesIn).put("framesOut", framesOut)
        .put("bytesOut", bytesOut).put("pendingBytes", pendingBytes());
  }

  private boolean admitted() {
    if (cutOff) {
      return false;
    }
    return allowed(flood.check(System.nanoTime(), gateway.config().limits()),
        "too many messages: slow down (at most " + gateway.config().limits().messagesPerSecond() + " a second)");
  }

  /** What a flood verdict means for the request: handed on, refused ({@code rate_limited}), or the client cut off. */
  private boolean allowed(FloodGuard.Verdict verdict, String refusal) {
    switch (verdict) {
      case ALLOW -> {
        return true;
      }
      case REFUSE -> gateway.received(this, new ParseError(ErrorCode.RATE_LIMITED, refusal));
      case CUT_OFF -> {
        cutOff = true;
        LOG.info(() -> "cutting off " + this + ": flooding");
        gateway.cutOff(this, CloseReason.FLOODING);
      }
    }
    return false;
  }

  /**
   * Gives the client's place under the connection limits back, once: as soon as the server decides
   * to close, so a client that saw the close can connect again at once.
   */
  @Override
  public final void releaseSlot() {
    if (slot != null) {
      slot.release();
    }
  }

  /** Sends an error frame (encoded by {@code encoder}); closes afterwards when the code says so. */
  protected final void sendError(FrameEncoder encoder, ErrorCode code, String message) {
    gateway.metrics().error(code);
    FrameBatch frame = FrameBatch.of(encoder.encode(ServerFrames.error(code, message)));
    if (code.closes()) {
      close(frame, CloseReason.after(code));
    } else {
      send(frame);
    }
  }

  /** Records that the client sent something. */
  protected final void heard() {
    lastHeardMillis = System.currentTimeMillis();
    pinged = false;
  }

  /** Whether a keepalive ping is out, unanswered (anything the client sends answers it). */
  final boolean pinged() {
    return pinged;
  }

  final void pinged(boolean out) {
    pinged = out;
  }

  @Override
  public final long lastHeardMillis() {
    return lastHeardMillis;
  }

  @Override
  public final EndpointRef ref() {
    return ref;
  }

  protected final Gateway gateway() {
    return gateway;
  }

  @Override
  public final String remoteHost() {
    return host;
  }

  @Override
  public String toString() {
    return ref.transport() + ":" + ref.remoteAddress();
  }
}
