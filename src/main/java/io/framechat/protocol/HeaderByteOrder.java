package io.framechat.protocol;

import io.vertx.core.buffer.Buffer;

import java.util.Locale;

/**
 * Byte order of the 4-byte TCP frame header. Big-endian (network order) is the protocol default;
 * little-endian serves clients that pack native integers, as {@code struct.pack('i', n)} does on x86.
 */
public enum HeaderByteOrder {
  BIG("big"),
  LITTLE("little");

  private final String configName;

  HeaderByteOrder(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration: {@code big} or {@code little}. */
  public String configName() {
    return configName;
  }

  /** Parses a configuration value, case-insensitively. */
  public static HeaderByteOrder fromConfig(String value) {
    for (HeaderByteOrder order : values()) {
      if (order.configName.equals(value.toLowerCase(Locale.ROOT))) {
        return order;
      }
    }
    throw new IllegalArgumentException("must be \"big\" or \"little\", got \"" + value + "\"");
  }

  /** The name in the configuration, as {@link #configName()}. */
  @Override
  public String toString() {
    return configName;
  }

  /** Reads the header at {@code offset} as an unsigned 32-bit length. */
  public long readLength(Buffer buffer, int offset) {
    return this == BIG ? buffer.getUnsignedInt(offset) : buffer.getUnsignedIntLE(offset);
  }

  /** Overwrites the header at {@code offset} with {@code length}. */
  public void writeLength(Buffer buffer, int offset, int length) {
    if (this == BIG) {
      buffer.setInt(offset, length);
    } else {
      buffer.setIntLE(offset, length);
    }
  }

  /**
   * A hint for a declared length over {@code max} whose bytes read the other way are a plausible
   * frame (a client writing the other byte order): the words to add to {@code frame_too_large}, or "".
   */
  public String swappedHint(long declared, int max) {
    long swapped = Integer.reverseBytes((int) declared) & 0xFFFFFFFFL;
    if (declared <= max || swapped > max) {
      return "";
    }
    HeaderByteOrder other = this == BIG ? LITTLE : BIG;
    return ": did the client mean tcp.byteOrder " + other.configName() + "? (read " + other.configName()
        + "-endian, its header says " + swapped + " bytes)";
  }
}
