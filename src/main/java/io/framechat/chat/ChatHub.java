package io.framechat.chat;

import io.framechat.bans.BanList;
import io.framechat.bus.EndpointRef;
import io.framechat.bus.Inbound;
import io.framechat.log.Events;
import io.framechat.config.ChatOptions;
import io.framechat.config.FramechatConfig;
import io.framechat.metrics.ChatMetrics;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.Command;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.Parsed;
import io.framechat.protocol.ServerFrames;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.function.Supplier;

/**
 * The chat of one node: its clients, from arrival to departure, and what reaches them from the
 * room sequencer and the other nodes. Single-threaded (the broadcast verticle's event loop) and
 * free of I/O: effects go to the {@link Outbox}, and to the other nodes through {@link Peers}. Its
 * parts each keep one concern: {@link Nicks}, {@link Rooms} (membership and presence),
 * {@link Requests} (ordering), {@link Commands} (what each request does), {@link RoomHistory}
 * with {@link Replays} and {@link HistoryLoader}.
 */
final class ChatHub {

  /** Each client's arrival and departure, at INFO ({@code server.logConnections}). */
  private static final Logger CONNECTIONS = Logger.getLogger("io.framechat.connections");

  /** The chat section of the configuration in force. */
  private final Supplier<ChatOptions> chat;
  private final ChatMetrics metrics;
  private final Outbox out;
  private final Peers peers;
  private final CountedSequencer sequencer;
  private final LongSupplier clock;
  private final Map<Long, Client> clients = new HashMap<>();
  private final RoomHistory history;
  private final Nicks nicks;
  private final Rooms rooms;
  private final Requests requests;
  private final HistoryLoader loader;
  private final Access access;
  private final Commands commands;
  private final Operator operator;
  private final BooleanSupplier logConnections;
  private final Stamped sink;
  private final People people;
  private final FromPeers fromPeers;
  /** Resumes waiting for their room to reach them here. */
  private final ResumeWaits waits = new ResumeWaits();
  /** Taking no more messages (a drain began). */
  private boolean draining;
  /** Past the drain point: every message accepted went out; nothing more reaches the clients here. */
  private boolean sealed;

  /**
   * @param config the configuration in force (read at each use, so a reload applies at once)
   * @param store where history is kept beyond memory, read for what memory no longer holds
   * @param reads where people's read positions are kept
   */
  ChatHub(Supplier<FramechatConfig> config, Authenticator authenticator, BanList bans, Outbox out, Peers peers,
      Sequencer sequencer, MessageStore store, ReadPositions reads, ChatMetrics metrics, LongSupplier clock,
      Naming naming) {
    Supplier<ChatOptions> chat = () -> config.get().chat();
    this.chat = chat;
    this.metrics = metrics;
    this.out = out;
    this.peers = peers;
    this.sequencer = new CountedSequencer(sequencer);
    this.clock = clock;
    this.logConnections = () -> config.get().server().logConnections();
    this.history = new RoomHistory(chat, metrics::historyEvicted);
    metrics.historyBytes(history::bytes);
    this.nicks = new Nicks(chat, peers, naming.guestPrefix());
    this.rooms = new Rooms(chat, out, peers, history);
    this.requests = new Requests(this::run, this::connected);
    Replies replies = new Replies(metrics, out);
    this.access = new Access(authenticator);
    this.people = new People(reads);
    Reading reading = new Reading(people, history, out, peers, access, replies);
    Replays replays = new Replays(history, out, chat, metrics, clock, store, () -> config.get().store().resumeMax(),
        requests, replies, this::connected, reading);
    this.loader = new HistoryLoader(history, this.sequencer, requests, this::connected, clock, replies, waits,
        () -> chat.get().resumeWaitMillis(), rooms::holdsBack);
    Messages messages = new Messages(chat, metrics, clock, out, rooms, nicks, history, this.sequencer, peers, access,
        replies, this::connected, naming.messageIdPrefix());
    RoomRequests roomRequests = new RoomRequests(chat, out, rooms, history, replays, loader, access,
        client -> replyBytes(config.get(), client), replies, reading, peers);
    NickRequests nickRequests = new NickRequests(nicks, rooms, requests, out, bans, clock, replies, this::close,
        this::connected);
    this.commands = new Commands(new Commands.Handlers(messages, roomRequests, nickRequests, reading, requests, access,
        replies, out, this::close, this::connected),
        parts -> new Logins(access, chat, () -> config.get().auth(), nicks, rooms, requests, out, parts, people, peers));
    this.sink = new Stamped(history, rooms, out, clock, () -> sealed, waits);
    this.fromPeers = new FromPeers(clients, rooms, nicks, out, () -> sealed, this::close, roomRequests, reading);
    this.operator = new Operator(clients, rooms, history, this.sequencer, clock, naming.messageIdPrefix(),
        this::close);
  }

  int clientCount() {
    return clients.size();
  }

  int roomCount() {
    return rooms.count();
  }

  /** Closes clients that did not log in in time or whose token expired (authentication on); every second. */
  void sweepLogins() {
    commands.sweep(clients.values(), clock.getAsLong());
  }

  /**
   * Hands on room messages that waited too long for those before them, and lets in the resumes
   * that waited too long for their room to reach them.
   */
  void releaseHeld() {
    long now = clock.getAsLong();
    sink.releaseHeld(now);
    waits.expire(now);
  }

  /** Drops expired history; rooms with no history left and no members are forgotten. */
  void expireHistory() {
    history.expire(clock.getAsLong(), rooms::inUse);
    sequencer.expire(rooms::inUse);
  }

  void handle(Inbound item) {
    if (item instanceof Inbound.Connected connected) {
      connect(connected.ref());
      return;
    }
    Client client = clients.get(item.endpoint());
    if (client == null) {
      return;
    }
    if (item instanceof Inbound.Received received) {
      requests.submit(client, received.parsed());
    } else if (item instanceof Inbound.CutOff cutOff) {
      metrics.error(ErrorCode.RATE_LIMITED);
      close(client, cutOff.reason());
    } else if (item instanceof Inbound.Disconnected disconnected) {
      gone(client, disconnected.reason());
      remove(client);
    }
  }

  /** The largest reply the client's transport takes in one piece: a datagram, or a frame. */
  private static int replyBytes(FramechatConfig config, Client client) {
    return "udp".equals(client.endpoint.transport()) ? config.udp().maxDatagramBytes() : config.tcp().maxFrameBytes();
  }

  /** Runs one request of a client, in its turn. */
  private void run(Client client, Parsed request) {
    if (draining && (request instanceof Command.Say || request instanceof Command.Whisper)) {
      commands.error(client, ErrorCode.SHUTTING_DOWN, "the server is shutting down: reconnect to send");
    } else {
      commands.run(client, request);
    }
  }

  /**
   * Drains this node's clients before it stops. From now on {@code say} and {@code whisper} are
   * refused ({@code shutting_down}) and new clients are told {@code bye} at once. Once every
   * message accepted before is numbered and queued for the members its room had then, nothing more
   * reaches the clients here (so they all end with the same messages), and each gateway is told to
   * say {@code bye} to its clients, spread over {@code seconds}; then {@code told} runs.
   */
  void drain(int seconds, Runnable told) {
    draining = true;
    sequencer.whenIdle(() -> {
      sealed = true;
      Set<String> gateways = new HashSet<>();
      clients.values().forEach(client -> gateways.add(client.endpoint.gateway()));
      out.byeAll(gateways, seconds);
      told.run();
    });
  }

  private boolean connected(Client client) {
    return clients.get(client.id()) == client;
  }

  private void connect(EndpointRef endpoint) {
    Client client = new Client(endpoint, nicks.nextGuest(), clock.getAsLong());
    if (logConnections.getAsBoolean()) {
      Events.info(CONNECTIONS, "client connected", "client", endpoint.id(), "nick", client.nick,
          "transport", endpoint.transport(), "address", endpoint.remoteAddress());
    }
    if (draining) {
      out.close(client, CloseReason.SHUTDOWN);
      return;
    }
    clients.put(client.id(), client);
    nicks.add(client);
    peers.connected(client.id(), client.nick);
    if (!access.open()) {
      out.toClient(client, withSessionId(ServerFrames.loginWelcome(client.nick), endpoint));
      return;
    }
    String lobby = chat.get().defaultRoom();
    loader.whenKnown(client, lobby, () -> {
      Position at = history.position(lobby);
      out.toClient(client, withSessionId(ServerFrames.welcome(client.nick, lobby, at.seq(), at.epoch()), endpoint));
      rooms.enter(client, lobby);
    }, () -> out.toClient(client, withSessionId(ServerFrames.welcome(client.nick, null, 0, null), endpoint)));
  }

  /** The welcome tells a UDP client the session id its datagrams must carry, if there is one. */
  private static JsonObject withSessionId(JsonObject welcome, EndpointRef endpoint) {
    return endpoint.sessionId() == null ? welcome : welcome.put("sid", endpoint.sessionId());
  }

  /**
   * Closes a client for good, in order after every reply queued for it: it is forgotten here (its
   * rooms hear it leave), then gets {@code bye}.
   */
  private void close(Client client, CloseReason reason) {
    close(client, reason, null);
  }

  /** The same, with words for people in the {@code bye}. */
  private void close(Client client, CloseReason reason, String message) {
    gone(client, reason);
    remove(client);
    out.close(client, reason, message);
  }

  private void gone(Client client, CloseReason reason) {
    if (logConnections.getAsBoolean()) {
      Events.info(CONNECTIONS, "client gone", "client", client.id(), "nick", client.nick,
          "transport", client.endpoint.transport(), "address", client.endpoint.remoteAddress(),
          "reason", reason.wireName());
    }
  }

  /** What operators see and do (the admin API). */
  Operator operator() {
    return operator;
  }

  /**
   * Forgets a client that quit or is gone: one presence {@code leave} per room it held (for a
   * person's session, only the rooms the person no longer holds through another session).
   */
  private void remove(Client client) {
    clients.remove(client.id());
    nicks.remove(client);
    rooms.exitAll(client);
    peers.gone(client.id());
    people.detach(client);
    client.forgetWaiting();
  }

  /** Where the sequencer hands stamped messages: kept in history, then sent to the room's members here. */
  Sequencer.Sink sink() {
    return sink;
  }

  /** What the other nodes cause here. */
  PeerEvents fromPeers() {
    return fromPeers;
  }
}
