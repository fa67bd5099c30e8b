// The page's state and the rooms' lines: what every other module shows things through.

import { Room } from './rooms.js';
import * as view from './view.js';

export const el = view.el;
export const NICK_KEY = 'framechat.nick';

export const state = {
  conn: null,
  auth: false,          // the server wants a token (welcome "auth":"jwt")
  welcome: null,        // this connection's welcome
  inSession: false,     // logged in on this connection
  everIn: false,        // logged in once: later connections resume
  loginAsked: false,    // the person submitted the form; log in at the next welcome
  nick: '',             // the nick asked for, then the nick held
  token: '',
  tokenRefreshUrl: '',  // where a fresh token is fetched (auth.tokenRefreshUrl), or ''
  maxTextBytes: 4096,   // chat.maxTextBytes, from framechat.json
  pendingSays: [],      // texts said and not yet seen back: an error for one puts it back in the box
  rooms: new Map(),
  current: null,
  resuming: new Set(),  // rooms asked in this connection's resume, until their joined
  joinsAsked: new Set(), // rooms this page asked to join: shown when joined (another device's join is not)
  whoAsked: new Set(),  // rooms whose who the person typed (shown as a line too)
  roomsAsked: false,
  roomsPages: [],
  allRooms: [],         // the last list of all rooms, its counts kept current by presence
  lostSaid: false,
  mentions: 0,          // messages naming the person while the page was hidden, for the title
  sent: [],             // the person's own lines, for the arrow keys
  sentAt: 0,
};

export function send(body) {
  return state.conn !== null && state.conn.send(body);
}

export function currentRoom() {
  return state.current ? state.rooms.get(state.current) : undefined;
}

/** At most this many lines a room holds in the page; past it, lines far from the view are dropped. */
export const MAX_LINES = 5000;
const DROP_AT_ONCE = 500;

/**
 * Adds a line to a room at its place ({@code seq}: the message's, null for other lines). The room
 * takes it at once; the page shows it at the next animation frame, with every line that came
 * meanwhile (one layout for a burst, however busy the room).
 */
export function place(room, key, node, seq = null) {
  const before = room.insert(key, node, seq);
  if (room.name === state.current) {
    queued.push({ room, node, before, older: room.loading === 'older' });
    if (!frameAsked) {
      frameAsked = true;
      requestAnimationFrame(showQueued);
    }
  }
  bound(room);
}

const queued = [];
let frameAsked = false;

/**
 * Puts the lines placed since the last frame on the page: following the room (at its bottom), it
 * stays at the bottom; while a page of older lines goes in, the line at the top of the view stays
 * where it is on the screen (measured in this frame, so wherever the person has scrolled since the
 * page was asked for), and a line above the view leaves it where it was too (the browser's scroll
 * anchoring).
 */
function showQueued() {
  frameAsked = false;
  const box = el.messages;
  const stick = view.isAtBottom();
  const anchor = queued.some(line => line.older) ? lineAtTop(box) : null;
  const anchorAt = anchor ? offsetIn(box, anchor) : 0;
  let live = false;
  for (const { room, node, before, older } of queued) {
    if (room.name !== state.current || node.isConnected || node.dropped) {
      continue; // another room shown since, drawn already, or dropped
    }
    box.insertBefore(node, before && before.parentNode === box ? before : null);
    live = live || !older;
  }
  queued.length = 0;
  if (anchor && anchor.isConnected) {
    box.scrollTop += offsetIn(box, anchor) - anchorAt;
  }
  const room = currentRoom();
  if (stick && live) {
    view.scrollToBottom();
  } else if (room && live && !view.isAtBottom()) {
    room.newWhileUp = true;
  }
  box.dispatchEvent(new Event('scroll')); // the jump button and the pages the position needs
}

/** The line at the top of the box's view (the first one when the box shows none). */
function lineAtTop(box) {
  const shown = box.getBoundingClientRect();
  let line = document.elementFromPoint(shown.left + shown.width / 2, shown.top + 1);
  while (line && line.parentNode !== box) {
    line = line.parentNode;
  }
  return line ?? box.firstElementChild;
}

/** Where a line is from the top of the box's view, in pixels. */
function offsetIn(box, line) {
  return line.getBoundingClientRect().top - box.getBoundingClientRect().top;
}

/**
 * Keeps a room within {@link MAX_LINES}: the oldest lines go (they are loaded again when scrolled
 * back to), or, while the person reads far back, the newest (loaded again when scrolled down).
 */
function bound(room) {
  if (room.lines.length <= MAX_LINES) {
    return;
  }
  const box = el.messages;
  const readingBack = room.name === state.current && room.loading === 'older'
      || (room.name === state.current && box.scrollTop < (box.scrollHeight - box.clientHeight) / 2);
  const gone = room.drop(room.lines.length - MAX_LINES + DROP_AT_ONCE, !readingBack);
  if (readingBack) {
    room.cutNewer = room.newestSeq();
  } else {
    room.olderKept = true;
    room.firstShown = false;
  }
  gone.forEach(line => {
    line.node.dropped = true;
    line.node.remove();
  });
}

/** A line from the page in the current room (or shown alone when no room is held). */
export function notice(text, problem = false, room = currentRoom()) {
  const line = view.noticeLine(text, problem);
  if (room) {
    place(room, room.lastKey(), line);
  } else {
    el.messages.append(line);
    view.scrollToBottom();
  }
}

export function drawLists() {
  view.drawRoomList(state.rooms, state.current, show, name => send({ type: 'leave', room: name }));
  view.drawMembers(currentRoom(), state.nick);
  let unread = 0;
  state.rooms.forEach(room => { unread += room.unread; });
  const counts = [state.mentions > 0 ? `@${state.mentions}` : '', unread > 0 ? String(unread) : ''].filter(c => c);
  document.title = counts.length ? `(${counts.join(' · ')}) framechat` : 'framechat';
}

export function show(name) {
  state.current = state.rooms.has(name) ? name : null;
  const room = currentRoom();
  if (room && room.read === null) {
    room.unread = 0;
  }
  markRead(room);
  view.drawRoom(room);
  drawLists();
  el.input.focus();
}

const READ_SEND_MS = 500;
const readsDue = new Map();

/**
 * The shown room is read, when the window has focus: its unread count goes, and (with a server
 * that keeps read positions) a read goes out soon, for the latest seq (a burst of messages makes one).
 */
export function markRead(room) {
  if (!room || room.read === null || document.hidden || !document.hasFocus()) {
    return;
  }
  room.unread = 0;
  if (room.latest <= room.read) {
    return;
  }
  room.read = room.latest;
  if (readsDue.size === 0) {
    setTimeout(() => {
      readsDue.forEach((seq, name) => send({ type: 'read', room: name, seq }));
      readsDue.clear();
    }, READ_SEND_MS);
  }
  readsDue.set(room.name, room.latest);
}

export function addRoom(name, seq, epoch) {
  let room = state.rooms.get(name);
  if (!room) {
    room = new Room(name);
    room.enter(seq, epoch);
    state.rooms.set(name, room);
  }
  return room;
}

/** Joins a room, or shows it at once when it is held already. */
export function join(name) {
  if (state.rooms.has(name)) {
    show(name);
  }
  state.joinsAsked.add(name);
  send({ type: 'join', room: name });
}


export function showLogin(error = '') {
  el.chat.hidden = true;
  el.login.hidden = false;
  el.loginError.textContent = error;
  if (!el.nick.value) {
    el.nick.value = localStorage.getItem(NICK_KEY) || '';
  }
  el.nick.focus();
}
