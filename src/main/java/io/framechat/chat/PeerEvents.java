package io.framechat.chat;

import io.framechat.protocol.CloseReason;
import io.framechat.protocol.FrameBatch;

/** What other nodes cause on this one; called on the broadcast verticle's event loop. */
public interface PeerEvents {

  /** Frames another node fanned out to {@code room}, for the members on this node. */
  void remoteFrames(String room, FrameBatch frames);

  /** Frames another node sent to one client of this node. */
  void remoteToClient(long client, FrameBatch frames);

  /** Another node asks to close a client of this node (its identity logged in there). */
  void remoteClose(long client, CloseReason reason);

  /** A member of {@code room} was on a node that died; {@code sizeBefore} counts every node. */
  void remoteGone(String room, String nick, int sizeBefore);

  /** A session on node {@code node} of a person with sessions here joined, left or read a room: they follow. */
  void remotePerson(String node, Peers.PersonEvent event);

  /** The peers have something of their own to send (items of their next batch, messages to forward): flush soon. */
  void changed();
}
