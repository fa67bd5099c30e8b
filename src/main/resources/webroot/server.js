// What the server sends: logging in, resuming after a reconnect, and every frame in its room.

import * as view from './view.js';
import { errorText, byeText, retriesAfterBye } from './words.js';
import { notifyMention } from './settings.js';
import { pageEnded } from './scroll.js';
import { el, NICK_KEY, state, send, currentRoom, place, notice, drawLists, show, addRoom, join, showLogin, markRead }
  from './page.js';

export function hello() {
  const body = { type: 'hello' };
  if (state.auth) {
    body.token = state.token;
  } else if (state.nick) {
    body.nick = state.nick;
  }
  if (state.everIn) {
    // every room held, the shown one last: the server's current room is then the page's
    const names = [...state.rooms.keys()].filter(n => n !== state.current);
    if (state.current) {
      names.push(state.current);
    }
    body.resume = {};
    for (const name of names) {
      const room = state.rooms.get(name);
      room.resumedFrom = room.resumePoint();
      body.resume[name] = room.resumedFrom;
    }
    state.resuming = new Set(names);
  }
  send(body);
}

function onWelcome(body) {
  state.welcome = body;
  state.inSession = false;
  state.auth = body.auth === 'jwt';
  el.tokenRow.hidden = !state.auth;
  el.nickRow.hidden = state.auth; // the token names the nick
  el.token.required = state.auth;
  el.nick.required = !state.auth;
  if (state.everIn) {
    view.setStatus('catching up…');
    hello();
  } else if (state.loginAsked) {
    hello();
  } else {
    view.setStatus('connected');
    showLogin();
  }
}

function onNick(body) {
  const first = !state.inSession;
  state.inSession = true;
  state.nick = body.nick;
  el.me.textContent = body.nick;
  if (!state.auth) {
    localStorage.setItem(NICK_KEY, body.nick);
  }
  if (!first && state.renewing) {
    state.renewing = false;
    notice('Your session is renewed.');
    return;
  }
  if (!first) {
    notice(`You are now ${body.nick}.`);
    drawLists();
    return;
  }
  view.setStatus(`connected as ${body.nick}`);
  if (state.everIn) {
    afterResume();
    return;
  }
  state.everIn = true;
  el.login.hidden = true;
  el.chat.hidden = false;
  const placed = state.welcome && state.welcome.room;
  if (placed) {
    addRoom(placed, state.welcome.seq, state.welcome.epoch);
    // being placed in a room replays nothing: ask for what was said there lately
    send({ type: 'history', room: placed });
    send({ type: 'who', room: placed });
  }
  show(placed || null);
  send({ type: 'rooms' });
}

function afterResume() {
  const placed = state.welcome && state.welcome.room;
  if (placed && !state.rooms.has(placed)) {
    send({ type: 'leave', room: placed }); // left before the connection was lost
  }
  state.rooms.forEach(room => send({ type: 'who', room: room.name }));
  send({ type: 'rooms' });
  if (state.lostSaid) {
    notice('Reconnected.');
    state.lostSaid = false;
  }
}

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

/** A fresh token for this session: the page's state stays as it is. */
function renew(token) {
  state.token = token;
  state.renewing = true;
  send({ type: 'hello', token });
}

/**
 * The token expires soon (or did, and the grace runs): fetch a fresh one from auth.tokenRefreshUrl
 * (same origin, the browser's own cookies), or ask the person to paste one.
 */
function renewToken(text) {
  const ask = why => {
    const room = currentRoom();
    const line = view.renewLine(`${text}${why}`, renew);
    if (room) {
      place(room, room.lastKey(), line);
    } else {
      el.messages.append(line);
    }
  };
  if (!state.tokenRefreshUrl) {
    ask(' Paste a fresh token to stay connected:');
    return;
  }
  fetch(state.tokenRefreshUrl, { credentials: 'same-origin', cache: 'no-store' })
    .then(reply => (reply.ok ? reply.text() : Promise.reject(new Error(`HTTP ${reply.status}`))))
    .then(reply => {
      const token = reply.trim().startsWith('{') ? JSON.parse(reply).token : reply.trim();
      if (!token) {
        throw new Error('no token in the reply');
      }
      renew(token);
    })
    .catch(e => ask(` A fresh token could not be fetched (${e.message}): paste one to stay connected:`));
}

function onNotice(body) {
  if (body.code === 'token_expiring') {
    renewToken('Your login expires soon.');
  } else if (body.message) {
    notice(body.message);
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

function onPresence(body) {
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

function onWho(body) {
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

function onRooms(body) {
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

function onError(body) {
  if (!state.inSession) {
    if (!state.everIn) {
      state.loginAsked = false;
      showLogin(errorText(body));
      return;
    }
    if (body.code === 'nick_taken') {
      // someone took the nick while the page was away: come back under the guest nick
      notice(`${errorText(body)} You are ${state.welcome.nick} for now.`, true);
      state.nick = '';
      hello();
      return;
    }
  }
  if (body.code === 'token_expired') {
    renewToken('Your login has expired.');
    return;
  }
  if (state.renewing && (body.code === 'forbidden' || body.code === 'auth_failed')) {
    state.renewing = false;
  }
  if (SAY_REFUSED.has(body.code) && state.pendingSays.length) {
    // the oldest message not seen back was refused: back in the box, with why
    const text = state.pendingSays.shift();
    if (!el.input.value) {
      el.input.value = text;
    }
    notice(`Not sent: ${errorText(body)} It is back in the box.`, true);
    return;
  }
  notice(errorText(body), true);
}

/** The errors a say can get (its text refused, the room, the rate, the server's state). */
const SAY_REFUSED = new Set(['bad_request', 'forbidden', 'not_in_room', 'rate_limited', 'shutting_down', 'busy',
  'unavailable']);

function onBye(body) {
  const words = byeText(body);
  if (state.everIn) {
    notice(words, !retriesAfterBye(body));
  }
  if (retriesAfterBye(body) || (!state.everIn && body.reason === 'auth_timeout')) {
    view.setStatus(words);
    return; // the connection comes back by itself
  }
  state.conn.stop();
  state.conn = null;
  state.everIn = false;
  state.loginAsked = false;
  view.setStatus('disconnected', true);
  el.me.textContent = '';
  showLogin(words);
}

export const HANDLERS = {
  welcome: onWelcome, nick: onNick, joined: onJoined, left: onLeft, message: onMessage,
  recovered: onRecovered, whisper: onWhisper, presence: onPresence, who: onWho, rooms: onRooms,
  error: onError, bye: onBye, read: onRead, notice: onNotice,
  ping: body => send({ type: 'pong', id: body.id }),
};
