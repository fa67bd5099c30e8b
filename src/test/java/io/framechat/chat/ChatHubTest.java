package io.framechat.chat;

import java.util.Collections;
import java.util.ArrayList;
import io.framechat.config.ChatOptions;
import io.framechat.bus.Inbound;
import io.framechat.config.UdpOptions;
import io.framechat.protocol.CloseReason;
import io.framechat.protocol.ErrorCode;
import io.framechat.protocol.ParseError;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat core with no sockets: what each client receives, and in what order. */
class ChatHubTest {

  private final ChatDriver chat = new ChatDriver();

  private long client(String nick) {
    long id = chat.connect("g1");
    chat.send(id, "/nick " + nick).flush();
    return id;
  }

  @Test
  @DisplayName("a new client is welcomed into the lobby; the members already there hear of it, the newcomer does not")
  void welcome_and_join_presence() {
    long alice = client("alice");
    assertEquals(List.of("welcome lobby", "nick alice", "presence nick alice"), chat.summary(alice));
    long bob = chat.connect("g2");
    chat.flush();
    assertEquals(List.of("welcome lobby"), chat.summary(bob));
    assertEquals(List.of("presence join guest-2"), chat.summary(alice));
  }

  @Test
  @DisplayName("replies come in the order of the requests, also when one of them waits for the cluster")
  void replies_keep_request_order_across_a_wait() {
    Promise<Boolean> claim = Promise.promise();
    Peers slowClaims = (Peers) Proxy.newProxyInstance(Peers.class.getClassLoader(), new Class<?>[] {Peers.class},
        (proxy, method, args) -> method.getName().equals("claim") ? claim.future() : method.invoke(Peers.NONE, args));
    ChatDriver cluster = new ChatDriver(slowClaims);
    long alice = cluster.connect("g1");
    cluster.send(alice, "/nick alice", "{\"type\":\"ping\",\"id\":1}", "hello all").flush();
    assertEquals(List.of("welcome lobby"), cluster.summary(alice), "the ping and the message wait for the nick");
    claim.complete(true);
    cluster.flush();
    assertEquals(List.of("nick alice", "presence nick alice", "pong", "message hello all"), cluster.summary(alice));
  }

  @Test
  @DisplayName("a flush the peers asked for with nothing queued here does not keep later replies from asking for theirs")
  void a_flush_for_the_peers_alone_leaves_the_next_one_asked_for() {
    long alice = client("alice");
    chat.take(alice);
    chat.peersChanged();
    chat.flush();
    chat.flushAsked = false;
    chat.send(alice, "{\"type\":\"ping\"}");
    assertTrue(chat.flushAsked, "the outbox asked for a flush for the pong");
    chat.flush();
    assertEquals(List.of("pong"), chat.summary(alice));
  }

  @Test
  @DisplayName("a refusal by flood control is answered in its turn, after the replies to earlier requests")
  void rate_limited_comes_in_order() {
    long alice = client("alice");
    chat.take(alice);
    chat.send(alice, "/join a");
    chat.handle(new Inbound.Received(alice, new ParseError(ErrorCode.RATE_LIMITED, "slow down")));
    chat.send(alice, "{\"type\":\"ping\"}").flush();
    assertEquals(List.of("joined a", "error rate_limited", "pong"), chat.summary(alice));
  }

  @Test
  @DisplayName("a client cut off for flooding gets bye after the replies it is owed; its rooms hear it leave")
  void cut_off_says_bye_after_the_replies() {
    long alice = client("alice");
    long bob = client("bob");
    chat.take(alice);
    chat.take(bob);
    chat.send(alice, "last one");
    chat.handle(new Inbound.CutOff(alice, CloseReason.FLOODING));
    chat.flush();
    assertEquals(List.of("message last one", "bye flooding"), chat.summary(alice));
    assertTrue(chat.closed(alice));
    assertEquals(List.of("message last one", "presence leave alice"), chat.summary(bob));
  }

  @Test
  @DisplayName("a message accepted for a room reaches everyone who was a member then, the sender too, though it leaves at once")
  void message_reaches_members_of_its_moment() {
    long alice = client("alice");
    chat.send(alice, "/join solo").flush();
    chat.take(alice);
    chat.send(alice, "{\"type\":\"say\",\"room\":\"solo\",\"text\":\"last words\"}", "/leave solo").flush();
    assertEquals(List.of("message last words", "left solo"), chat.summary(alice));
  }

  @Test
  @DisplayName("a message and a join in one flush: the joiner gets it once, from history, and the next one live")
  void join_seam_has_no_gap_and_no_repeat() {
    long alice = client("alice");
    long bob = client("bob");
    chat.send(alice, "/join dev").flush();
    chat.take(bob);
    chat.send(alice, "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"one\"}");
    chat.send(bob, "/join dev");
    chat.send(alice, "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"two\"}").flush();
    List<JsonObject> frames = chat.take(bob);
    assertEquals(List.of("joined dev", "message one (history)", "message two"),
        frames.stream().map(ChatDriver::describe).toList());
    assertEquals(1, frames.get(1).getLong("seq"));
    assertEquals(2, frames.get(2).getLong("seq"));
  }

  @Test
  @DisplayName("a client that goes away frees its nick, and its rooms hear it leave")
  void disconnect_frees_nick() {
    long alice = client("alice");
    long bob = client("bob");
    chat.take(bob);
    chat.handle(new Inbound.Disconnected(alice, CloseReason.CLOSED));
    chat.flush();
    assertEquals(List.of("presence leave alice"), chat.summary(bob));
    long again = chat.connect("g1");
    chat.send(again, "/nick alice").flush();
    assertTrue(chat.summary(again).contains("nick alice"));
  }

  @Test
  @DisplayName("a nick another client holds, in any case, is nick_taken; a reserved one is bad_request")
  void nick_rules() {
    client("alice");
    long bob = client("bob");
    chat.take(bob);
    chat.send(bob, "/nick ALICE", "/nick admin").flush();
    assertEquals(List.of("error nick_taken", "error bad_request"), chat.summary(bob));
  }

  @Test
  @DisplayName("nicks that look alike are one nick: Cyrillic, full-width and case variants are taken or reserved")
  void look_alike_nicks() {
    client("alice");
    long mallory = client("mallory");
    chat.take(mallory);
    chat.send(mallory, "/nick \u0430lice", "/nick \uFF41\uFF4C\uFF49\uFF43\uFF45", "/nick \u0430dmin",
        "/nick \uFF41\uFF44\uFF4D\uFF49\uFF4E", "/nick gu\u0435st-1").flush();
    assertEquals(List.of("error nick_taken", "error nick_taken", "error bad_request", "error bad_request",
        "error bad_request"), chat.summary(mallory));
  }

  @Test
  @DisplayName("text with control characters is refused (a forged line, an escape sequence); tab and line feed are fine")
  void control_characters_in_text() {
    long alice = client("alice");
    chat.take(alice);
    chat.send(alice, "{\"type\":\"say\",\"text\":\"ok\\r\\n[lobby] admin: please re-enter your password\"}",
        "{\"type\":\"say\",\"text\":\"\\u001b[2J\"}", "{\"type\":\"say\",\"text\":\"\\u0085next line\"}",
        "{\"type\":\"say\",\"text\":\"two\\tcolumns\\nand lines\"}").flush();
    assertEquals(List.of("error bad_request", "error bad_request", "error bad_request",
        "message two\tcolumns\nand lines"), chat.summary(alice));
  }

  @Test
  @DisplayName("a drain refuses new messages with shutting_down after delivering those accepted, then says bye to all")
  void drain_delivers_then_refuses_then_says_bye() {
    long alice = client("alice");
    long bob = client("bob");
    chat.take(alice);
    chat.take(bob);
    chat.send(alice, "before").drain().send(alice, "after", "{\"type\":\"whisper\",\"to\":\"bob\",\"text\":\"x\"}",
        "{\"type\":\"ping\"}");
    long late = chat.connect("g3");
    chat.flush();
    assertEquals(List.of("message before", "error shutting_down", "error shutting_down", "pong"), chat.summary(alice));
    assertEquals(List.of("message before"), chat.summary(bob));
    assertEquals(List.of("bye shutdown"), chat.summary(late), "a client arriving during the drain is sent away");
    chat.endDrain();
    assertEquals(List.of("bye shutdown"), chat.summary(alice));
    assertEquals(List.of("bye shutdown"), chat.summary(bob));
  }

  @Test
  @DisplayName("who in a crowded room comes in pages that fit one datagram, and the cursors give every nick once")
  void who_comes_in_pages() {
    for (int i = 0; i < 1500; i++) {
      chat.connect("g1");
    }
    long udp = chat.connect("g2", "udp");
    chat.flush();
    chat.take(udp);
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject request = new JsonObject().put("type", "who").put("room", "lobby");
      chat.send(udp, cursor == null ? request.encode() : request.put("cursor", cursor).encode()).flush();
      JsonObject who = chat.take(udp).get(0);
      assertTrue(who.encode().length() <= UdpOptions.DEFAULT_MAX_DATAGRAM_BYTES, who.encode().length() + " bytes");
      who.getJsonArray("nicks").forEach(nick -> assertTrue(seen.add((String) nick), "once: " + nick));
      cursor = who.getString("next");
      pages++;
    } while (cursor != null);
    assertEquals(1501, seen.size());
    assertTrue(pages > 1, "more than one page");
    chat.send(udp, "{\"type\":\"who\",\"room\":\"lobby\",\"cursor\":\"nonsense\"}").flush();
    assertEquals(List.of("error bad_request"), chat.summary(udp));
  }

  @Test
  @DisplayName("rooms come in pages of at most chat.listPageMax, by name, each room once; a page made for one client is not stale for the next")
  void rooms_come_in_bounded_pages() {
    long lister = chat.connect("g1");
    for (int i = 0; i < 450; i++) {
      long client = chat.connect("g1");
      chat.send(client, "{\"type\":\"join\",\"room\":\"r" + String.format("%04d", i) + "\"}");
    }
    chat.flush();
    chat.take(lister);
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject request = new JsonObject().put("type", "rooms");
      chat.send(lister, (cursor == null ? request : request.put("cursor", cursor)).encode()).flush();
      JsonObject page = chat.take(lister).get(0);
      assertTrue(page.getJsonArray("rooms").size() <= ChatOptions.DEFAULT_LIST_PAGE_MAX);
      page.getJsonArray("rooms").forEach(room -> seen.add(((JsonObject) room).getString("room")));
      cursor = page.getString("next");
    } while (cursor != null);
    List<String> sorted = new ArrayList<>(seen);
    Collections.sort(sorted);
    assertEquals(sorted, seen, "by name");
    assertEquals(451, new HashSet<>(seen).size(), "each room once: 450 and the lobby");
    assertEquals(451, seen.size());

    long other = chat.connect("g2");
    chat.flush();
    chat.take(other);
    chat.take(lister);
    chat.send(other, "{\"type\":\"rooms\",\"limit\":1,\"cursor\":\"lobby\"}").flush();
    assertEquals(1, chat.take(other).get(0).getJsonArray("rooms").getJsonObject(0).getInteger("members"),
        "r0000 has one member");
    chat.send(other, "{\"type\":\"join\",\"room\":\"r0000\"}").flush();
    chat.take(other);
    chat.take(lister);
    chat.send(lister, "{\"type\":\"rooms\",\"limit\":1,\"cursor\":\"lobby\"}").flush();
    assertEquals(2, chat.take(lister).get(0).getJsonArray("rooms").getJsonObject(0).getInteger("members"),
        "the page shared between requests is made again once a count changed");
  }

  @Test
  @DisplayName("a room whose history cannot be loaded is unavailable to the joiner, and loaded again at the next join")
  void failed_room_load_is_answered_and_retried() {
    boolean[] failing = {true};
    LocalSequencer local = new LocalSequencer();
    Sequencer flaky = new Sequencer() {
      @Override
      public void start(Sink sink) {
        local.start(sink);
      }

      @Override
      public io.vertx.core.Future<Long> sequence(io.framechat.protocol.RoomMessage message, Position here) {
        return local.sequence(message, here);
      }

      @Override
      public io.vertx.core.Future<HistorySlice> load(String room) {
        return failing[0] && room.equals("dev") ? io.vertx.core.Future.failedFuture("the store is away")
            : local.load(room);
      }

      @Override
      public void expire(java.util.function.Predicate<String> inUseHere) {
      }
    };
    ChatDriver flakyChat = new ChatDriver(Peers.NONE, flaky);
    long alice = flakyChat.connect("g1");
    flakyChat.flush();
    flakyChat.take(alice);
    flakyChat.send(alice, "/join dev", "{\"type\":\"ping\",\"id\":1}").flush();
    assertEquals(List.of("error unavailable", "pong"), flakyChat.summary(alice));
    failing[0] = false;
    flakyChat.send(alice, "/join dev").flush();
    assertEquals(List.of("joined dev"), flakyChat.summary(alice));
  }
}
