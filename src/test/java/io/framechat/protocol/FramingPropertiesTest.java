package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties of the frame decoder and the command parser over random input, cut at random places.
 * Each repetition has its own seed (run number x a constant), named in every failure message.
 */
class FramingPropertiesTest {

  private static final int MAX = 512;
  private static final long SEED_BASE = 0x5EEDL;

  private static Random random(RepetitionInfo run) {
    return new Random(SEED_BASE * run.getCurrentRepetition());
  }

  private static String seed(RepetitionInfo run) {
    return "seed " + SEED_BASE * run.getCurrentRepetition();
  }

  /** Feeds {@code stream} in random cuts; checks the buffer bound after every chunk; returns the frames. */
  private static List<String> feed(Buffer stream, HeaderByteOrder order, Random random, String seed) {
    List<String> frames = new ArrayList<>();
    FrameDecoder decoder = new FrameDecoder(order, MAX, new FrameDecoder.Listener() {
      @Override
      public void onFrame(Buffer body) {
        frames.add(body.toString(StandardCharsets.ISO_8859_1));
      }

      @Override
      public void onOversized(long declaredLength) {
        frames.add("OVERSIZED " + declaredLength);
      }
    });
    int at = 0;
    while (at < stream.length()) {
      int next = Math.min(stream.length(), at + 1 + random.nextInt(3 * MAX));
      try {
        decoder.handle(stream.getBuffer(at, next));
      } catch (RuntimeException e) {
        fail(seed + ": the decoder threw " + e);
      }
      assertTrue(decoder.bufferedBytes() <= MAX + FrameDecoder.HEADER_BYTES,
          seed + ": buffered " + decoder.bufferedBytes() + " bytes");
      at = next;
    }
    return frames;
  }

  @RepeatedTest(300)
  @DisplayName("any bytes, cut anywhere: the decoder never throws and never holds more than maxFrameBytes + 4")
  void arbitrary_bytes_are_safe(RepetitionInfo run) {
    Random random = random(run);
    byte[] junk = new byte[random.nextInt(8 * MAX)];
    random.nextBytes(junk);
    feed(Buffer.buffer(junk), random.nextBoolean() ? HeaderByteOrder.BIG : HeaderByteOrder.LITTLE, random, seed(run));
  }

  @RepeatedTest(300)
  @DisplayName("valid frames, cut anywhere, all decode, in order, whatever their bytes")
  void valid_frames_decode(RepetitionInfo run) {
    Random random = random(run);
    HeaderByteOrder order = random.nextBoolean() ? HeaderByteOrder.BIG : HeaderByteOrder.LITTLE;
    FrameEncoder encoder = new FrameEncoder(order);
    List<String> expected = new ArrayList<>();
    Buffer stream = Buffer.buffer();
    for (int i = random.nextInt(40); i > 0; i--) {
      byte[] body = new byte[random.nextInt(MAX + 1)];
      random.nextBytes(body);
      if (body.length == 0) {
        stream.appendInt(0);
        continue;
      }
      expected.add(new String(body, StandardCharsets.ISO_8859_1));
      encoder.append(stream, Buffer.buffer(body));
    }
    assertEquals(expected, feed(stream, order, random, seed(run)), seed(run));
  }

  @RepeatedTest(300)
  @DisplayName("valid frames before an oversized header all decode; nothing after it does")
  void frames_before_oversized_header_decode(RepetitionInfo run) {
    Random random = random(run);
    FrameEncoder encoder = new FrameEncoder(HeaderByteOrder.BIG);
    List<String> expected = new ArrayList<>();
    Buffer stream = Buffer.buffer();
    for (int i = random.nextInt(10); i > 0; i--) {
      String body = "frame " + i + " " + "x".repeat(random.nextInt(MAX - 20));
      expected.add(body);
      encoder.append(stream, Buffer.buffer(body));
    }
    long declared = MAX + 1 + (random.nextLong() & 0xFFFFFFFFL) % (0xFFFFFFFFL - MAX);
    stream.appendUnsignedInt(declared);
    byte[] rest = new byte[random.nextInt(4 * MAX)];
    random.nextBytes(rest);
    stream.appendBytes(rest);
    expected.add("OVERSIZED " + declared);
    assertEquals(expected, feed(stream, HeaderByteOrder.BIG, random, seed(run)), seed(run));
  }

  private static final String[] SAMPLES = {
      "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"hi\"}", "{\"type\":\"hello\",\"nick\":\"alice\"}",
      "{\"type\":\"join\",\"room\":\"r\"}", "{\"type\":\"whisper\",\"to\":\"b\",\"text\":\"t\"}",
      "{\"type\":\"ping\",\"id\":[1,{\"a\":null}]}", "/msg bob hello", "/join dev", "Q", "hello\r\n"};

  @RepeatedTest(500)
  @DisplayName("any body, random or a mangled valid one: the parser never throws and always answers")
  void parser_always_answers(RepetitionInfo run) {
    Random random = random(run);
    CommandParser parser = new CommandParser();
    byte[] body;
    if (random.nextBoolean()) {
      body = new byte[random.nextInt(200)];
      random.nextBytes(body);
    } else {
      body = SAMPLES[random.nextInt(SAMPLES.length)].getBytes(StandardCharsets.UTF_8);
      for (int flips = random.nextInt(4); flips > 0 && body.length > 0; flips--) {
        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
      }
    }
    Parsed parsed;
    try {
      parsed = parser.parse(Buffer.buffer(body));
    } catch (RuntimeException e) {
      throw new AssertionError(seed(run) + ": the parser threw on " + java.util.Arrays.toString(body), e);
    }
    assertTrue(agrees(body, parsed), seed(run) + ": " + parsed + " for " + java.util.Arrays.toString(body));
  }

  /**
   * Whether the parser's answer is what the protocol says for the body, decided independently of
   * the parser: not UTF-8 is bad_utf8; a body starting with '{' or '[' that is not one JSON object is
   * bad_json, one that is gives a command, bad_request or unknown_type; an empty line is nothing, Q
   * quits, other text without a slash is said as it is; a slash line gives a command other than say,
   * unknown_command or bad_request.
   */
  private static boolean agrees(byte[] body, Parsed parsed) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return isError(parsed, ErrorCode.BAD_UTF8);
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      Object json;
      try {
        json = io.vertx.core.json.Json.decodeValue(text);
      } catch (io.vertx.core.json.DecodeException e) {
        json = null;
      }
      if (!(json instanceof io.vertx.core.json.JsonObject)) {
        return isError(parsed, ErrorCode.BAD_JSON);
      }
      return parsed instanceof Command || isError(parsed, ErrorCode.BAD_REQUEST) || isError(parsed, ErrorCode.UNKNOWN_TYPE);
    }
    String line = text.replaceAll("[\\r\\n]+$", "");
    if (line.isEmpty()) {
      return parsed instanceof Command.Blank;
    }
    if (line.equals("Q") || line.equals("q")) {
      return parsed instanceof Command.Quit;
    }
    if (!line.startsWith("/")) {
      return parsed.equals(new Command.Say(null, line));
    }
    return (parsed instanceof Command && !(parsed instanceof Command.Say))
        || isError(parsed, ErrorCode.UNKNOWN_COMMAND) || isError(parsed, ErrorCode.BAD_REQUEST);
  }

  private static boolean isError(Parsed parsed, ErrorCode code) {
    return parsed instanceof ParseError error && error.code() == code;
  }
}
