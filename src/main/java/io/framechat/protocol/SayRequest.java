package io.framechat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The request nearly every JSON body is, {@code {"type":"say","text":T}} with an optional string
 * {@code room}, read with Jackson's streaming parser, field by field, without the map of every
 * field that {@link JsonRequests} builds for a request of any type (a fifth of what an event loop
 * allocates at 1 M deliveries/s). It reads nothing else: another type, another field, a field
 * twice, a value that is not a string, a comment, anything after the object or a body Jackson
 * cannot parse gives null, and the full path reads that body, so a request gets the same result
 * either way.
 */
final class SayRequest {

  /** Strict JSON (no comments: those go the full path, whose parser allows them). */
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Where each field read here is kept while the body is read. */
  private static final int TYPE = 0;
  private static final int ROOM = 1;
  private static final int TEXT = 2;

  private SayRequest() {
  }

  /** The {@code say} this body is, in the one shape read here; null for any other body. */
  static Command.Say read(String body) {
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String[] fields = new String[3];
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        int at = switch (parser.currentName()) {
          case "type" -> TYPE;
          case "room" -> ROOM;
          case "text" -> TEXT;
          default -> -1;
        };
        if (at < 0 || fields[at] != null || parser.nextToken() != JsonToken.VALUE_STRING) {
          return null;
        }
        fields[at] = parser.getText();
        if (at == TYPE && !fields[TYPE].equals("say")) {
          return null; // another type: no need to read the rest here
        }
      }
      boolean whole = token == JsonToken.END_OBJECT && parser.nextToken() == null;
      return whole && fields[TYPE] != null && fields[TEXT] != null ? new Command.Say(fields[ROOM], fields[TEXT]) : null;
    } catch (IOException notThisShape) {
      return null; // not JSON, or not all of it: the full path says which error
    }
  }
}
