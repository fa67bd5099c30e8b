package io.framechat.bans;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * One ban: of a nick (compared by its key, as nicks are) or of an address or CIDR block, until a
 * moment (epoch ms), with the reason given and who gave it.
 *
 * @param id stable and unique (made by whoever adds the ban)
 * @param kind what it bans
 * @param value the nick as given, or the address or {@code ADDRESS/BITS} block
 * @param key the nick's key ({@code Names.nickKey}); null for an address ban
 * @param until when it ends, epoch ms
 * @param reason shown to the banned client; may be empty
 * @param by the label of the operator who made it
 */
public record Ban(String id, Kind kind, String value, String key, long until, String reason, String by) {

  public enum Kind { NICK, IP }

  public Ban {
    if (kind == Kind.IP) {
      Block.parse(value);
    }
  }

  /** Whether the ban still holds at {@code now}. */
  public boolean holds(long now) {
    return until > now;
  }

  /** For an address ban: whether it covers {@code address} (its raw bytes). */
  boolean covers(byte[] address) {
    return kind == Kind.IP && Block.parse(value).contains(address);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind.name().toLowerCase(Locale.ROOT)).put("value", value)
        .put("key", key).put("until", until).put("reason", reason).put("by", by);
  }

  public static Ban fromJson(JsonObject json) {
    return new Ban(json.getString("id"), Kind.valueOf(json.getString("kind").toUpperCase(Locale.ROOT)), json.getString("value"),
        json.getString("key"), json.getLong("until"), json.getString("reason", ""), json.getString("by", ""));
  }

  /** An address and how many of its leading bits a block keeps ({@code 10.0.0.0/8}, or one address). */
  @SuppressWarnings("ArrayRecordComponent") // compared by what it covers, never by equals
  record Block(byte[] address, int bits) {

    /** Parses {@code ADDRESS} or {@code ADDRESS/BITS} (IPv4 or IPv6, no host names). */
    static Block parse(String value) {
      int slash = value.indexOf('/');
      String host = slash < 0 ? value : value.substring(0, slash);
      if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
        throw new IllegalArgumentException("not an IP address: \"" + value + "\"");
      }
      byte[] address;
      try {
        address = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: \"" + value + "\"");
      }
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException("not a prefix length: \"" + value + "\"");
        }
      }
      return new Block(address, bits);
    }

    boolean contains(byte[] other) {
      if (other.length != address.length) {
        return false;
      }
      int whole = bits / 8;
      if (!Arrays.equals(address, 0, whole, other, 0, whole)) {
        return false;
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest);
      return (address[whole] & mask) == (other[whole] & mask);
    }
  }
}
