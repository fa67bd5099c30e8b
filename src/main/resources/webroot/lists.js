// The lists beside the messages: who is in a room (presence as it changes, who in pages) and the
// list of all rooms (in pages, its counts kept current by presence).

import * as view from './view.js';
import { state, send, notice, join } from './page.js';

export function onPresence(body) {
  const room = state.rooms.get(body.room);
  if (!room) {
    return;
  }
  if (body.event === 'join') {
    room.present(body.nick);
    notice(`${body.nick} joined`, false, room);
    countAll(body.room, +1);
  } else if (body.event === 'leave') {
    room.absent(body.nick);
    notice(`${body.nick} left`, false, room);
    countAll(body.room, -1);
  } else if (body.event === 'nick') {
    room.renamed(body.old, body.nick);
    if (body.nick !== state.nick) {
      notice(`${body.old} is now ${body.nick}`, false, room);
    }
  }
  if (room.name === state.current) {
    view.drawMembers(room, state.nick);
  }
}

/** The list of all rooms keeps its counts current between listings: someone joined or left a room held. */
function countAll(name, change) {
  const entry = state.allRooms.find(e => e.room === name);
  if (entry) {
    entry.members = Math.max(0, entry.members + change);
    view.drawAllRooms(state.allRooms, n => join(n));
  }
}

export function onWho(body) {
  const room = state.rooms.get(body.room);
  const nicks = (room && room.whoPages ? room.whoPages : []).concat(body.nicks || []);
  if (body.next !== undefined) {
    if (room) {
      room.whoPages = nicks;
    }
    send({ type: 'who', room: body.room, cursor: body.next });
    return;
  }
  if (room) {
    room.whoPages = null;
    room.members = nicks;
    if (room.name === state.current) {
      view.drawMembers(room, state.nick);
    }
  }
  if (state.whoAsked.delete(body.room)) {
    notice(nicks.length ? `In ${body.room}: ${nicks.join(', ')}` : `Nobody is in ${body.room}.`);
  }
}

export function onRooms(body) {
  state.roomsPages = state.roomsPages.concat(body.rooms || []);
  if (body.next !== undefined) {
    send({ type: 'rooms', cursor: body.next });
    return;
  }
  const list = state.roomsPages;
  state.roomsPages = [];
  state.allRooms = list;
  view.drawAllRooms(list, name => join(name));
  if (state.roomsAsked) {
    state.roomsAsked = false;
    notice(`Rooms: ${list.map(r => `${r.room} (${r.members})`).join(', ') || 'none'}`);
  }
}
