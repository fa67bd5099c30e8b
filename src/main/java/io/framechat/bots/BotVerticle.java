package io.framechat.bots;

import io.framechat.client.ChatConnection;
import io.framechat.client.ClientTls;
import io.framechat.client.GapRepair;
import io.framechat.client.ServerAddress;
import io.framechat.client.TokenSource;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One scripted client: runs its steps in order on its own event loop and reports a
 * {@link BotResult}. The first failing step ends the bot.
 */
final class BotVerticle extends VerticleBase {

  private final Script.ClientSpec spec;
  private final Defaults defaults;
  private final Variables variables = new Variables();
  private final BotResult result;
  private final Consumer<BotResult> done;
  private FrameInbox inbox;
  private ChatConnection connection;
  /** Drops duplicate room messages and fetches missing ones from history. */
  private GapRepair repair;
  private boolean closed;
  /** The token the bot logged in with last (null: none); a fresh one is sent when the server warns. */
  private String token;

  /** Where to connect when a connect step does not say, and how long to wait by default. */
  /** Where bots connect and how: {@code tokens} (null: none given) logs in the {@code login} steps. */
  record Defaults(String host, int tcpPort, int udpPort, HeaderByteOrder byteOrder, ClientTls tls, long timeoutMs,
      String run, TokenSource tokens) {
  }

  BotVerticle(Script.ClientSpec spec, int index, Defaults defaults, Consumer<BotResult> done) {
    this.spec = spec;
    this.defaults = defaults;
    this.done = done;
    this.result = new BotResult(spec.instances() > 1 ? spec.name() + "#" + index : spec.name());
    variables.set("client", spec.name()).set("i", index).set("instances", spec.instances()).set("run", defaults.run());
  }

  @Override
  public Future<?> start() {
    inbox = new FrameInbox(vertx, result);
    run(spec.steps())
        .onFailure(e -> result.failed(e.getMessage()))
        .onComplete(ar -> finish());
    return Future.succeededFuture();
  }

  private void finish() {
    if (repair != null) {
      repair.stop();
      result.repairs(repair.tracker().counts());
    }
    Future<Void> close = connection != null ? connection.close().otherwiseEmpty() : Future.succeededFuture();
    close.onComplete(ar -> done.accept(result));
  }

  private Future<Void> run(List<Step> steps) {
    Future<Void> chain = Future.succeededFuture();
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      String where = "step " + (s + 1) + " (" + step.name() + ")";
      chain = chain.compose(v -> execute(step)
          .recover(e -> Future.failedFuture(new StepFailure(where + ": " + e.getMessage())))
          .onSuccess(x -> result.stepPassed()));
    }
    return chain;
  }

  private Future<Void> execute(Step step) {
    if (step instanceof Step.Connect connect) {
      return connect(connect);
    }
    if (connection == null || closed) {
      return Future.failedFuture(connection == null ? "not connected: connect first" : "the connection is closed");
    }
    if (step instanceof Step.Hello hello) {
      return request(new JsonObject().put("type", "hello").put("nick", variables.apply(hello.nick())), "nick")
          .map(frame -> {
            variables.set("nick", frame.getString("nick"));
            return null;
          });
    } else if (step instanceof Step.Login) {
      if (defaults.tokens() == null) {
        return Future.failedFuture("a login step needs --token, --token-file or --token-command");
      }
      return vertx.executeBlocking(defaults.tokens()::read, false).compose(read -> {
        token = read;
        return request(new JsonObject().put("type", "hello").put("token", read), "nick");
      }).map(frame -> {
        variables.set("nick", frame.getString("nick"));
        return null;
      });
    } else if (step instanceof Step.Join join) {
      return request(new JsonObject().put("type", "join").put("room", variables.apply(join.room())), "joined")
          .mapEmpty();
    } else if (step instanceof Step.Leave leave) {
      JsonObject body = new JsonObject().put("type", "leave");
      if (leave.room() != null) {
        body.put("room", variables.apply(leave.room()));
      }
      return request(body, "left").mapEmpty();
    } else if (step instanceof Step.Say say) {
      JsonObject body = new JsonObject().put("type", "say").put("text", variables.apply(say.text()));
      if (say.room() != null) {
        body.put("room", variables.apply(say.room()));
      }
      return send(body.encode());
    } else if (step instanceof Step.Whisper whisper) {
      return send(new JsonObject().put("type", "whisper").put("to", variables.apply(whisper.to()))
          .put("text", variables.apply(whisper.text())).encode());
    } else if (step instanceof Step.Send raw) {
      return send(variables.apply(raw.body()));
    } else if (step instanceof Step.Expect expect) {
      return expect(expect);
    } else if (step instanceof Step.Await rendezvous) {
      long timeout = rendezvous.timeoutMs() >= 0 ? rendezvous.timeoutMs() : defaults.timeoutMs();
      return awaitMember(variables.apply(rendezvous.nick()), variables.apply(rendezvous.room()),
          System.currentTimeMillis() + timeout);
    } else if (step instanceof Step.Sleep sleep) {
      return vertx.timer(Math.max(1, sleep.ms())).mapEmpty();
    } else if (step instanceof Step.Repeat repeat) {
      return repeat(repeat, 0, System.currentTimeMillis());
    } else {
      return quit();
    }
  }

  private Future<Void> connect(Step.Connect step) {
    boolean udp = "udp".equals(step.transport());
    String host = step.host() != null ? variables.apply(step.host()) : defaults.host();
    int port = step.port() != null ? step.port() : udp ? defaults.udpPort() : defaults.tcpPort();
    ServerAddress address = new ServerAddress(udp, host, port, defaults.byteOrder(), udp ? ClientTls.NONE : defaults.tls());
    return address.connect(vertx, vertx.createNetClient()).compose(c -> {
      connection = c;
      closed = false;
      inbox.opened();
      if (repair != null) {
        repair.stop();
      }
      repair = new GapRepair(c).frameHandler(this::onFrame);
      c.closeHandler(v -> onClosed());
      if (udp) {
        // a UDP session opens with its first datagram
        send(new JsonObject().put("type", "ping").put("id", "connect").encode());
      }
      return await(frame -> "welcome".equals(frame.getString("type")), null, defaults.timeoutMs(), "welcome");
    }).map(welcome -> {
      variables.set("nick", welcome.getString("nick"));
      return null;
    });
  }

  private Future<Void> send(String body) {
    result.countSent();
    return connection.send(body);
  }

  /** Sends a request and waits for its reply of type {@code replyType}; an error reply fails. */
  private Future<JsonObject> request(JsonObject body, String replyType) {
    return send(body.encode()).compose(v -> await(
        frame -> replyType.equals(frame.getString("type")),
        frame -> "error".equals(frame.getString("type")),
        defaults.timeoutMs(), replyType + " reply"));
  }

  private Future<Void> expect(Step.Expect step) {
    JsonObject template = variables.apply(step.frame());
    Pattern text;
    try {
      text = step.text() == null ? null : Pattern.compile(variables.apply(step.text()));
    } catch (PatternSyntaxException e) {
      return Future.failedFuture("\"text\" is not a valid regular expression once variables are set: "
          + e.getDescription());
    }
    Predicate<JsonObject> match = frame -> {
      for (Map.Entry<String, Object> field : template) {
        if (!field.getValue().equals(frame.getValue(field.getKey()))) {
          return false;
        }
      }
      return text == null || (frame.getValue("text") instanceof String value && text.matcher(value).find());
    };
    long timeout = step.timeoutMs() >= 0 ? step.timeoutMs() : defaults.timeoutMs();
    String wanted = template.encode() + (text != null ? " with text ~ /" + text + "/" : "");
    return await(match, null, timeout, wanted).map(frame -> {
      result.expectationMet();
      return null;
    });
  }

  private Future<Void> awaitMember(String nick, String room, long deadlineMillis) {
    return request(new JsonObject().put("type", "who").put("room", room), "who").compose(who -> {
      if (who.getJsonArray("nicks").contains(nick)) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() >= deadlineMillis) {
        return Future.failedFuture(nick + " did not come to " + room + " in time; " + room + " holds "
            + who.getJsonArray("nicks").encode());
      }
      return vertx.timer(100).compose(t -> awaitMember(nick, room, deadlineMillis));
    });
  }

  private Future<Void> repeat(Step.Repeat step, int n, long startMillis) {
    long now = System.currentTimeMillis();
    boolean more = step.times() != null ? n < step.times() : now - startMillis < step.seconds() * 1000;
    if (!more) {
      return Future.succeededFuture();
    }
    long due = step.ratePerSecond() > 0 ? startMillis + (long) (n * 1000 / step.ratePerSecond()) : now;
    Future<Void> wait = due > now ? vertx.timer(due - now).mapEmpty() : Future.succeededFuture();
    return wait.compose(v -> {
      variables.set("n", n);
      return run(step.steps());
    }).compose(v -> repeat(step, n + 1, startMillis));
  }

  private Future<Void> quit() {
    return send("{\"type\":\"quit\"}").compose(v -> await(
        frame -> "bye".equals(frame.getString("type")), null, defaults.timeoutMs(), "bye"))
        .mapEmpty();
  }

  private void onFrame(JsonObject frame) {
    String type = frame.getString("type");
    if ("ping".equals(type)) {
      connection.pong(frame);
      return;
    }
    if (TokenSource.expiring(frame) && token != null && defaults.tokens().renewable()) {
      renew();
    }
    inbox.add(frame);
  }

  /** The token expires: a fresh one from the token file or command goes out at once, if it is new. */
  private void renew() {
    vertx.executeBlocking(defaults.tokens()::read, false).onComplete(read -> {
      if (read.failed()) {
        result.failed("no fresh token: " + read.cause().getMessage());
      } else if (!read.result().equals(token) && connection != null && !closed) {
        token = read.result();
        send(new JsonObject().put("type", "hello").put("token", token).encode());
      }
    });
  }

  private void onClosed() {
    closed = true;
    inbox.closed();
  }

  private Future<JsonObject> await(Predicate<JsonObject> match, Predicate<JsonObject> failOn, long timeoutMs,
      String wanted) {
    return inbox.await(match, failOn, timeoutMs, wanted);
  }

  /** A failed step, its message naming the step. */
  private static final class StepFailure extends RuntimeException {
    StepFailure(String message) {
      super(message, null, false, false);
    }
  }
}
