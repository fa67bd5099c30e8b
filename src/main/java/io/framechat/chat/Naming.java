package io.framechat.chat;

/**
 * How this node names what it creates: message ids ({@code messageIdPrefix} + a counter) and guest
 * nicks ({@code guestPrefix} + a counter).
 */
public record Naming(String messageIdPrefix, String guestPrefix) {

  /** Guest nicks start with this; chosen nicks may not. */
  public static final String GUEST = "guest-";

  /** A single node: ids {@code TAG-N}, guests {@code guest-N}. */
  public static Naming singleNode(String tag) {
    return new Naming(tag + "-", GUEST);
  }

  /** A node of a cluster: guests carry the node's tag ({@code guest-TAG-N}), so no two nodes hand out the same. */
  public static Naming clusterNode(String tag) {
    return new Naming(tag + "-", GUEST + tag + "-");
  }
}
