// What the server sends in the rooms the page holds: joined and left, messages (live, replayed and
// repaired), read positions, the end of a replay and whispers; and which module handles each frame.

import * as view from './view.js';
import { notifyMention } from './settings.js';
import { pageEnded } from './scroll.js';
import { el, state, send, currentRoom, place, notice, drawLists, show, addRoom, markRead } from './page.js';
import { onWelcome, onNick, onNotice, onError, onBye } from './session.js';
import { onPresence, onWho, onRooms } from './lists.js';

function onJoined(body) {
  const known = state.rooms.has(body.room);
  const room = addRoom(body.room, body.seq, body.epoch);
  if (typeof body.read === 'number') {
    room.reading(body.read, body.latest);
    if (body.read < body.latest && !room.newLineShown) {
      room.newLineShown = true; // where what the person has not read begins
      place(room, room.keyAfter(body.read), view.newMessagesLine());
    }
    drawLists();
  }
  if (state.resuming.delete(body.room)) {
    return; // a room coming back: it stays where the person was
  }
  if (!known) {
    send({ type: 'who', room: body.room });
    send({ type: 'rooms' });
  }
  if (state.joinsAsked.delete(body.room) || !state.current) {
    show(room.name);
  } else {
    drawLists(); // joined on another device of the person: listed, not shown
  }
}

function onLeft(body) {
  state.rooms.delete(body.room);
  send({ type: 'rooms' });
  if (state.current === body.room) {
    const held = [...state.rooms.keys()];
    show(held.length ? held[held.length - 1] : null);
  } else {
    drawLists();
  }
}

function onMessage(body) {
  const room = state.rooms.get(body.room);
  if (!room) {
    return;
  }
  const taken = room.take(body);
  if (taken === null) {
    return; // shown already
  }
  if (taken.epochChanged) {
    place(room, room.streamStartKey(), view.noticeLine(
        'The server restarted: what was said here before that is gone from its history.'));
  }
  if (taken.gap) {
    send({ type: 'history', room: room.name, since: taken.gap[0], until: taken.gap[1], epoch: room.epoch });
  }
  const line = view.messageLine(body, state.nick);
  if (room.cutNewer !== null && !body.history) {
    room.seen.delete(body.seq); // newer lines are dropped while the person reads far back: loaded when scrolled to
    room.newWhileUp = true;
  } else {
    place(room, taken.key, line, body.seq);
  }

  if (body.from === state.nick && !body.history && state.pendingSays[0] === body.text) {
    state.pendingSays.shift(); // it went through
  }
  if (line.classList.contains('mention') && !body.history && (document.hidden || !document.hasFocus())) {
    state.mentions++;
    notifyMention(body);
    drawLists();
  }
  if (room.read !== null) {
    // the server keeps read positions: unread is what lies past the person's position
    room.reading(0, body.seq);
    if (room.name === state.current) {
      markRead(room);
    }
    drawLists();
  } else if (room.name !== state.current && !body.history) {
    room.unread++;
    drawLists();
  }
}

/** Another session of the person read a room (the phone): it is not unread here either. */
function onRead(body) {
  const room = state.rooms.get(body.room);
  if (room && room.read !== null) {
    room.reading(body.seq, 0);
    drawLists();
  }
}

function onRecovered(body) {
  const room = state.rooms.get(body.room);
  if (room && pageEnded(room, body)) {
    return;
  }
  if (!room || room.resumedFrom === null) {
    return;
  }
  const from = room.resumedFrom;
  room.resumedFrom = null;
  if (body.recovered || from === 0) {
    return;
  }
  const fromEpoch = typeof from === 'object' ? from.epoch : null;
  if (fromEpoch && body.epoch !== fromEpoch) {
    if (room.epoch !== body.epoch) { // nothing said since the restart: no message told us
      room.newEpoch(body.epoch);
      if (from.seq > 0) {
        notice('The server restarted: what was said here before that is gone from its history.', false, room);
      }
    }
  } else {
    notice('Some messages from while you were away are missing: the server no longer has them (too old, or lost when it stopped abruptly).', false, room);
  }
}

function onWhisper(body) {
  const room = currentRoom();
  if (room) {
    place(room, room.lastKey(), view.messageLine(body, state.nick));
  } else {
    el.messages.append(view.messageLine(body, state.nick));
  }
}

export const HANDLERS = {
  welcome: onWelcome, nick: onNick, joined: onJoined, left: onLeft, message: onMessage,
  recovered: onRecovered, whisper: onWhisper, presence: onPresence, who: onWho, rooms: onRooms,
  error: onError, bye: onBye, read: onRead, notice: onNotice,
  ping: body => send({ type: 'pong', id: body.id }),
};
