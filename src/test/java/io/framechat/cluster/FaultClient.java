package io.framechat.cluster;

import io.framechat.client.SeqTracker;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * A chat client of a fault test, over TCP on the test's event loop: it joins its rooms, says a
 * message now and then, and when its connection ends reconnects to a live node (given by the test)
 * and resumes every room from the last seq seen, as the bundled client does (its {@link SeqTracker}).
 * Everything it receives goes to the {@link FaultLedger}.
 */
final class FaultClient {

  private static final long RECONNECT_MS = 200;

  private final Vertx vertx;
  private final NetClient net;
  private final String name;
  private final List<String> rooms;
  private final IntSupplier livePort;
  private final FaultLedger ledger;
  private final SeqTracker tracker = new SeqTracker(1000, 3, 0);
  private NetSocket socket;
  /** Welcomed (and joined or resumed): what it says now may be numbered. */
  private boolean ready;
  private boolean everConnected;
  private boolean stopped;
  private int said;
  private int reconnects;

  FaultClient(Vertx vertx, NetClient net, String name, List<String> rooms, IntSupplier livePort, FaultLedger ledger) {
    this.vertx = vertx;
    this.net = net;
    this.name = name;
    this.rooms = rooms;
    this.livePort = livePort;
    this.ledger = ledger;
  }

  /** Connects (call on the test's context). */
  void start() {
    connect();
  }

  /** Says the next message in the next room, if connected. */
  void sayNext() {
    if (socket == null || !ready || stopped) {
      return;
    }
    said++;
    ledger.said(name);
    send(new JsonObject().put("type", "say").put("room", rooms.get(said % rooms.size())).put("text", name + ":" + said));
  }

  /** Stops reconnecting (the run is over); the connection stays to receive what is still coming. */
  void stop() {
    stopped = true;
  }

  int reconnects() {
    return reconnects;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    net.connect(livePort.getAsInt(), "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        vertx.setTimer(RECONNECT_MS, t -> connect());
        return;
      }
      socket = connected.result();
      RecordParser parser = RecordParser.newFixed(4);
      parser.handler(new io.vertx.core.Handler<>() {
        int length = -1;

        @Override
        public void handle(Buffer record) {
          if (length < 0) {
            length = record.getInt(0);
            parser.fixedSizeMode(length);
          } else {
            length = -1;
            parser.fixedSizeMode(4);
            onFrame(new JsonObject(record));
          }
        }
      });
      socket.handler(parser);
      socket.closeHandler(v -> {
        socket = null;
        ready = false;
        if (!stopped) {
          reconnects++;
          vertx.setTimer(RECONNECT_MS, t -> connect());
        }
      });
      if (!everConnected) {
        everConnected = true;
        rooms.forEach(room -> send(new JsonObject().put("type", "join").put("room", room)));
      } else {
        send(new JsonObject().put("type", "hello").put("resume", tracker.resume()));
        tracker.resuming(System.currentTimeMillis());
      }
    });
  }

  private void onFrame(JsonObject frame) {
    tracker.onFrame(frame, System.currentTimeMillis());
    ledger.received(name, frame);
    String type = frame.getString("type");
    if (("joined".equals(type) && rooms.get(rooms.size() - 1).equals(frame.getString("room")))
        || "recovered".equals(type)) {
      ready = true;
    }
  }

  private void send(JsonObject body) {
    Buffer bytes = body.toBuffer();
    socket.write(Buffer.buffer(4 + bytes.length()).appendInt(bytes.length()).appendBuffer(bytes));
  }
}
