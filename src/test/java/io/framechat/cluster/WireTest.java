package io.framechat.cluster;

import io.framechat.protocol.FrameBatch;
import io.framechat.protocol.HeaderByteOrder;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireTest {

  @Test
  void nodesTalkWhenEachReadsWhatTheOtherWrites() {
    assertTrue(Wire.canTalk(String.valueOf(Wire.MIN_VERSION), String.valueOf(Wire.VERSION)));
    assertFalse(Wire.canTalk(null, null), "a release before versions");
    assertFalse(Wire.canTalk("99", "99"), "reads only a version this node does not write");
    assertFalse(Wire.canTalk("1", String.valueOf(Wire.VERSION + 1)), "writes a version this node cannot read");
    assertFalse(Wire.canTalk("1", "x"));
  }

  @Test
  void itemsCarryTheirLengthSoAReaderSkipsWhatItDoesNotKnow() {
    Wire.BatchWriter writer = new Wire.BatchWriter("n1");
    writer.item((byte) 42).appendLong(1).appendLong(2);
    Wire.writeString(writer.item(ClusterLink.GONE).appendLong(7), "a newer field");
    Buffer batch = writer.take(9);
    Wire.Cursor in = new Wire.Cursor(batch);
    assertEquals(Wire.VERSION, in.readByte());
    assertEquals("n1", in.readString());
    assertEquals(9, in.readLong());
    assertEquals(2, in.readInt());
    assertEquals(42, in.readByte());
    in.skip(in.readInt());
    assertEquals(ClusterLink.GONE, in.readByte());
    int length = in.readInt();
    int end = in.pos + length;
    assertEquals(7, in.readLong());
    in.pos = end;
    assertFalse(in.more());
    assertTrue(writer.isEmpty(), "the writer starts afresh");
  }

  @Test
  void repliesCarryTheVersion() {
    Buffer reply = Wire.reply().appendLong(5);
    assertEquals(5, Wire.replyFields(reply).getLong(0));
    reply.setByte(0, (byte) (Wire.VERSION + 1));
    assertNull(Wire.replyFields(reply));
    assertNull(Wire.replyFields(Buffer.buffer()));
  }

  @Test
  void framesWrittenInTheOtherByteOrderAreReframed() {
    FrameBatch little = new FrameBatch.Builder(new io.framechat.protocol.FrameEncoder(HeaderByteOrder.LITTLE), 16)
        .add(Buffer.buffer("one")).add(Buffer.buffer("three")).build();
    Buffer out = Buffer.buffer();
    Wire.writeFrames(out, little, HeaderByteOrder.LITTLE);
    FrameBatch big = new Wire.Cursor(out).readFrames(HeaderByteOrder.BIG);
    assertEquals(2, big.count());
    assertEquals("three", big.body(1).toString());
    assertEquals(3, big.buffer().getInt(0), "a big-endian header now");
  }
}
