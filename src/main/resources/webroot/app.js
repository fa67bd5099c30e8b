// The chat page: logs in, follows the rooms it holds (seq by seq, so a message is shown once and a
// reconnect resumes where it stopped), and turns what is typed into requests.

import { Connection } from './connection.js';
import { Room } from './rooms.js';
import * as view from './view.js';
import { errorText, byeText, retriesAfterBye, HELP } from './words.js';

const el = view.el;
const ROOMS_REFRESH_MS = 30000;
const NICK_KEY = 'framechat.nick';

const state = {
  conn: null,
  auth: false,          // the server wants a token (welcome "auth":"jwt")
  welcome: null,        // this connection's welcome
  inSession: false,     // logged in on this connection
  everIn: false,        // logged in once: later connections resume
  loginAsked: false,    // the person submitted the form; log in at the next welcome
  nick: '',             // the nick asked for, then the nick held
  token: '',
  rooms: new Map(),
  current: null,
  resuming: new Set(),  // rooms asked in this connection's resume, until their joined
  whoAsked: new Set(),  // rooms whose who the person typed (shown as a line too)
  roomsAsked: false,
  roomsPages: [],
  lostSaid: false,
  sent: [],             // the person's own lines, for the arrow keys
  sentAt: 0,
};

function send(body) {
  return state.conn !== null && state.conn.send(body);
}

// --- lines in rooms ---

function currentRoom() {
  return state.current ? state.rooms.get(state.current) : undefined;
}

/** Adds a line to a room at its place, and to the page when the room is shown. */
function place(room, key, node) {
  const before = room.insert(key, node);
  if (room.name !== state.current) {
    return;
  }
  const stick = view.isAtBottom();
  el.messages.insertBefore(node, before);
  if (stick) {
    view.scrollToBottom();
  }
}

/** A line from the page in the current room (or shown alone when no room is held). */
function notice(text, problem = false, room = currentRoom()) {
  const line = view.noticeLine(text, problem);
  if (room) {
    place(room, room.lastKey(), line);
  } else {
    el.messages.append(line);
    view.scrollToBottom();
  }
}

function drawLists() {
  view.drawRoomList(state.rooms, state.current, show);
  view.drawMembers(currentRoom(), state.nick);
  let unread = 0;
  state.rooms.forEach(room => { unread += room.unread; });
  document.title = unread > 0 ? `(${unread}) framechat` : 'framechat';
}

function show(name) {
  state.current = state.rooms.has(name) ? name : null;
  const room = currentRoom();
  if (room) {
    room.unread = 0;
  }
  view.drawRoom(room);
  drawLists();
  el.input.focus();
}

function addRoom(name, seq, epoch) {
  let room = state.rooms.get(name);
  if (!room) {
    room = new Room(name);
    room.enter(seq, epoch);
    state.rooms.set(name, room);
  }
  return room;
}

// --- logging in and resuming ---

function hello() {
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

function showLogin(error = '') {
  el.chat.hidden = true;
  el.login.hidden = false;
  el.loginError.textContent = error;
  if (!el.nick.value) {
    el.nick.value = localStorage.getItem(NICK_KEY) || '';
  }
  el.nick.focus();
}

// --- what the server sends ---

function onJoined(body) {
  const known = state.rooms.has(body.room);
  const room = addRoom(body.room, body.seq, body.epoch);
  if (state.resuming.delete(body.room)) {
    return; // a room coming back: it stays where the person was
  }
  if (!known) {
    send({ type: 'who', room: body.room });
    send({ type: 'rooms' });
  }
  show(room.name);
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
  place(room, taken.key, view.messageLine(body, state.nick));
  if (room.name !== state.current && !body.history) {
    room.unread++;
    drawLists();
  }
}

function onRecovered(body) {
  const room = state.rooms.get(body.room);
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
    notice('Some messages from while you were away were too old to be kept: they are missing here.', false, room);
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
  } else if (body.event === 'leave') {
    room.absent(body.nick);
    notice(`${body.nick} left`, false, room);
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
  notice(errorText(body), true);
}

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

const HANDLERS = {
  welcome: onWelcome, nick: onNick, joined: onJoined, left: onLeft, message: onMessage,
  recovered: onRecovered, whisper: onWhisper, presence: onPresence, who: onWho, rooms: onRooms,
  error: onError, bye: onBye,
  ping: body => send({ type: 'pong', id: body.id }),
};

// --- the connection ---

async function chatUrl() {
  let path = '/ws';
  try {
    const reply = await fetch('framechat.json', { cache: 'no-store' });
    if (reply.ok) {
      path = (await reply.json()).websocketPath || path;
    }
  } catch (e) {
    // the default path then
  }
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

async function connect() {
  state.rooms.clear();
  state.current = null;
  const conn = new Connection(await chatUrl(), {
    onOpen: () => view.setStatus('connected'),
    onBody: body => {
      const handler = HANDLERS[body.type];
      if (handler) {
        handler(body);
      }
    },
    onClose: (retrying, delayMs) => {
      state.inSession = false;
      if (!retrying) {
        return;
      }
      view.setStatus(`connection lost: trying again in ${Math.max(1, Math.round(delayMs / 1000))} s`, true);
      if (state.everIn && !state.lostSaid) {
        state.lostSaid = true;
        notice('Connection lost: reconnecting…', true);
      }
    },
  });
  state.conn = conn;
  conn.open();
}

// --- what the person types ---

function join(name) {
  if (state.rooms.has(name)) {
    show(name);
  }
  send({ type: 'join', room: name });
}

function say(text) {
  if (!state.current) {
    notice('Join a room first: /join ROOM', true);
    return false;
  }
  return send({ type: 'say', room: state.current, text });
}

/** A /command as the terminal client takes it; true when it was sent (or answered here). */
function command(line) {
  const [word, ...args] = line.slice(1).split(/\s+/);
  const rest = line.slice(1 + word.length).trim();
  switch (word.toLowerCase()) {
    case 'help':
      HELP.forEach(([usage, meaning]) => notice(`${usage}  ${meaning}`));
      return true;
    case 'join':
      if (!args[0]) {
        notice('Usage: /join ROOM', true);
        return true;
      }
      join(args[0]);
      return true;
    case 'leave':
      return send({ type: 'leave', room: args[0] || state.current });
    case 'who': {
      const room = args[0] || state.current;
      state.whoAsked.add(room);
      return send({ type: 'who', room });
    }
    case 'rooms':
      state.roomsAsked = true;
      return send({ type: 'rooms' });
    case 'msg': {
      const to = args[0];
      const text = to ? rest.slice(to.length).trim() : '';
      if (!text) {
        notice('Usage: /msg NICK TEXT', true);
        return true;
      }
      return send({ type: 'whisper', to, text });
    }
    case 'nick':
      return send({ type: 'hello', nick: args[0] || '' });
    case 'history': {
      const body = { type: 'history', room: state.current };
      for (const arg of args.filter(a => a)) {
        if (/^\d+$/.test(arg)) {
          body.limit = Number(arg);
        } else {
          body.room = arg;
        }
      }
      return send(body);
    }
    case 'quit':
      return send({ type: 'quit' });
    default:
      return send(line); // the server names what it does not know
  }
}

el.sayForm.addEventListener('submit', event => {
  event.preventDefault();
  const text = el.input.value;
  if (!text.trim()) {
    return;
  }
  const sent = text.startsWith('/') ? command(text.trim()) : say(text);
  if (!sent) {
    if (state.current) {
      notice('Not connected: not sent. It is still in the box; send it again once reconnected.', true);
    }
    return;
  }
  state.sent.push(text);
  state.sentAt = state.sent.length;
  el.input.value = '';
});

el.input.addEventListener('keydown', event => {
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    // Alt+arrows: the room above or below
    const names = [...state.rooms.keys()];
    const at = names.indexOf(state.current) + (event.key === 'ArrowUp' ? -1 : 1);
    if (at >= 0 && at < names.length) {
      show(names[at]);
    }
    event.preventDefault();
  } else if (event.key === 'ArrowUp' && state.sentAt > 0) {
    el.input.value = state.sent[--state.sentAt];
    event.preventDefault();
  } else if (event.key === 'ArrowDown' && state.sentAt < state.sent.length) {
    state.sentAt++;
    el.input.value = state.sent[state.sentAt] ?? '';
    event.preventDefault();
  }
});

el.joinForm.addEventListener('submit', event => {
  event.preventDefault();
  const name = el.joinInput.value.trim();
  if (name) {
    join(name);
    el.joinInput.value = '';
  }
});

el.refreshRooms.addEventListener('click', () => send({ type: 'rooms' }));

el.login.addEventListener('submit', event => {
  event.preventDefault();
  state.nick = el.nick.value.trim();
  state.token = el.token.value.trim();
  state.loginAsked = true;
  el.loginError.textContent = '';
  if (state.conn === null) {
    connect();
  } else if (state.welcome && state.conn.socket && !state.inSession) {
    hello();
  }
});

setInterval(() => {
  if (state.inSession && !document.hidden) {
    send({ type: 'rooms' });
  }
}, ROOMS_REFRESH_MS);

connect();
