package io.framechat.protocol;

import io.vertx.core.json.JsonObject;

/**
 * The JSON form of a request, the inverse of what the parser reads: for a client that must send
 * JSON (to add fields such as a UDP session id) what its user typed as plain text.
 */
public final class CommandJson {

  private CommandJson() {
  }

  /** The request as a JSON body (fields not given left out); null for a blank line (nothing to send). */
  public static JsonObject of(Command command) {
    JsonObject json = json(command);
    if (json != null) {
      json.getMap().values().removeIf(java.util.Objects::isNull);
    }
    return json;
  }

  private static JsonObject json(Command command) {
    if (command instanceof Command.Say say) {
      return type("say").put("room", say.room()).put("text", say.text());
    } else if (command instanceof Command.Hello hello) {
      JsonObject json = type("hello").put("nick", hello.nick()).put("token", hello.token());
      if (!hello.resume().isEmpty()) {
        JsonObject resume = new JsonObject();
        hello.resume().forEach((room, at) -> resume.put(room, at(at)));
        json.put("resume", resume);
      }
      return json;
    } else if (command instanceof Command.Join join) {
      return type("join").put("room", join.room()).put("resume", join.resume() == null ? null : at(join.resume()));
    } else if (command instanceof Command.History history) {
      JsonObject json = type("history").put("room", history.room()).put("limit", history.limit());
      if (history.since() != null) {
        json.put("since", history.since().seq()).put("epoch", history.since().epoch());
        if (history.until() != Long.MAX_VALUE) {
          json.put("until", history.until());
        }
      } else if (history.before() != null) {
        json.put("before", history.before().seq()).put("epoch", history.before().epoch());
      }
      return json;
    } else if (command instanceof Command.Leave leave) {
      return type("leave").put("room", leave.room());
    } else if (command instanceof Command.Whisper whisper) {
      return type("whisper").put("to", whisper.to()).put("text", whisper.text());
    } else if (command instanceof Command.Who who) {
      return type("who").put("room", who.room()).put("limit", who.limit()).put("cursor", who.cursor());
    } else if (command instanceof Command.Rooms rooms) {
      return type("rooms").put("limit", rooms.limit()).put("cursor", rooms.cursor());
    } else if (command instanceof Command.Ping ping) {
      return type("ping").put("id", ping.id());
    } else if (command instanceof Command.Pong pong) {
      return type("pong").put("id", pong.id());
    } else if (command instanceof Command.Quit) {
      return type("quit");
    }
    return null;
  }

  private static JsonObject at(Resume resume) {
    return new JsonObject().put("seq", resume.seq()).put("epoch", resume.epoch());
  }

  private static JsonObject type(String type) {
    return new JsonObject().put("type", type);
  }
}
