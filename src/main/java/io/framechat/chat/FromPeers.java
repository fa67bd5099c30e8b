package io.framechat.chat;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * What the other nodes cause here: room frames for the members here, frames and closes for one
 * client, the members of a dead node leaving, and what a person's session there did that its
 * sessions here follow. The broadcast verticle's event loop only.
 */
final class FromPeers implements PeerEvents {

  private final Map<Long, Client> clients;
  private final Rooms rooms;
  private final Nicks nicks;
  private final Outbox out;
  private final BooleanSupplier sealed;
  private final BiConsumer<Client, CloseReason> close;
  private final RoomRequests roomRequests;
  private final Reading reading;

  /** @param sealed whether nothing more reaches the clients here (past a drain's point) */
  FromPeers(Map<Long, Client> clients, Rooms rooms, Nicks nicks, Outbox out, BooleanSupplier sealed,
      BiConsumer<Client, CloseReason> close, RoomRequests roomRequests, Reading reading) {
    this.clients = clients;
    this.rooms = rooms;
    this.nicks = nicks;
    this.out = out;
    this.sealed = sealed;
    this.close = close;
    this.roomRequests = roomRequests;
    this.reading = reading;
  }

  @Override
  public void changed() {
    out.wantFlush();
  }

  @Override
  public void remoteFrames(String roomName, FrameBatch frames) {
    Room room = sealed.getAsBoolean() ? null : rooms.get(roomName);
    if (room != null) {
      out.toRoom(room, frames);
    }
  }

  @Override
  public void remoteToClient(long clientId, FrameBatch frames) {
    Client client = clients.get(clientId);
    if (client != null) {
      out.toClient(client, frames);
    }
  }

  @Override
  public void remoteClose(long clientId, CloseReason reason) {
    Client client = clients.get(clientId);
    if (client != null) {
      close.accept(client, reason);
    }
  }

  /**
   * The dead node cannot tell its rooms' members here that its clients are gone: this node does,
   * unless the person is still in the room through a session here.
   */
  @Override
  public void remoteGone(String roomName, String nick, int sizeBefore) {
    Client here = nicks.local(nick);
    if (here == null || here.person == null || !here.person.inRoom(roomName, null)) {
      rooms.remoteGone(roomName, nick, sizeBefore);
    }
  }

  @Override
  public void remotePerson(String node, Peers.PersonEvent event) {
    Client any = nicks.local(event.nick());
    if (any == null || any.person == null) {
      return;
    }
    Person person = any.person;
    switch (event.kind()) {
      case JOIN -> List.copyOf(person.sessions).forEach(session -> roomRequests.followJoin(session, event.room()));
      case LEAVE -> List.copyOf(person.sessions).forEach(session -> roomRequests.followLeave(session, event.room(),
          node));
      case READ -> reading.remote(person, event.room(), new ReadPositions.Mark(event.epoch(), event.seq()));
    }
  }
}
