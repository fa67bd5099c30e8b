package io.framechat.bus;

/**
 * The requests a node's admin address ({@link Addresses#ADMIN_PREFIX}) answers, as the value of
 * their {@code "op"} field. Each node answers for its own clients and rooms; whoever asks a cluster
 * asks every node and merges.
 */
public final class AdminOps {

  /** {@code {"clients":[{id, nick, transport, remoteAddress, connectedAt, rooms, counters...}]}}. */
  public static final String CLIENTS = "clients";
  /** {@code {"rooms":[{room, members (on this node), seq, epoch, messagesLastMinute}]}}. */
  public static final String ROOMS = "rooms";
  /** With {@code room} and {@code count}: {@code {room, members (nicks here), seq, epoch, history}}. */
  public static final String ROOM = "room";
  /** With {@code room} and {@code text}: a message from the server; {@code {"seq":N}}. Asked of one node. */
  public static final String PUBLISH = "publish";
  /** With {@code nick} or {@code id}, {@code reason} ({@code disconnected} or {@code banned}), {@code message}: {@code {"closed":N}}. */
  public static final String DISCONNECT = "disconnect";

  private AdminOps() {
  }
}
