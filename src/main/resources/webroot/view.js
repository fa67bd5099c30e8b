// The page's parts, drawn from the page's state. User text only ever goes in through textContent.

const $ = id => document.getElementById(id);

export const el = {
  status: $('status'),
  me: $('me'),
  login: $('login'),
  nick: $('nick-input'),
  nickRow: $('nick-row'),
  theme: $('theme'),
  notify: $('notify'),
  tokenRow: $('token-row'),
  token: $('token-input'),
  loginError: $('login-error'),
  chat: $('chat'),
  roomList: $('room-list'),
  allRooms: $('all-rooms'),
  joinForm: $('join-form'),
  joinInput: $('join-input'),
  refreshRooms: $('refresh-rooms'),
  title: $('room-title'),
  messages: $('messages'),
  jump: $('jump'),
  rooms: $('rooms'),
  people: $('people'),
  showRooms: $('show-rooms'),
  showPeople: $('show-people'),
  sayForm: $('say-form'),
  input: $('input'),
  members: $('members'),
  memberCount: $('member-count'),
};

function node(tag, className, text) {
  const n = document.createElement(tag);
  if (className) {
    n.className = className;
  }
  if (text !== undefined) {
    n.textContent = text;
  }
  return n;
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** HH:mm today, with the date before it on another day. */
function timeOf(ts) {
  const at = new Date(ts);
  const hm = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  const text = sameDay(at, new Date()) ? hm : `${at.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${hm}`;
  const time = node('time', 'time', text);
  time.dateTime = at.toISOString();
  time.title = at.toLocaleString();
  return time;
}

const URLS = /\bhttps?:\/\/[^\s<>"'`]+/g;

/**
 * Text with its http and https URLs as links, opened apart and told nothing of this page; anything
 * else (javascript:, data:, ...) stays text. Only text nodes and links made here: never markup.
 */
export function linked(text) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const found of text.matchAll(URLS)) {
    const url = found[0].replace(/[.,;:!?)\]}'"]+$/, ''); // closing punctuation stays text
    let parsed;
    try {
      parsed = new URL(url);
    } catch (e) {
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      continue;
    }
    out.append(document.createTextNode(text.slice(at, found.index)));
    const link = node('a', null, url);
    link.href = parsed.href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    out.append(link);
    at = found.index + url.length;
  }
  out.append(document.createTextNode(text.slice(at)));
  return out;
}

/** Whether {@code text} names {@code nick} as a word, in any case. */
export function mentions(text, nick) {
  if (!nick || !text) {
    return false;
  }
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); // '-' is no special character out of a class
  return new RegExp(`(^|[^\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-])`, 'iu').test(text);
}

/** A stable hue for a nick (its colour, of a lightness each theme sets). */
export function nickHue(nick) {
  let hash = 2166136261;
  for (const c of String(nick)) {
    hash = Math.imul(hash ^ c.codePointAt(0), 16777619);
  }
  return (hash >>> 0) % 360;
}

function nickNode(tag, className, nick, text) {
  const n = node(tag, className, text);
  n.style.setProperty('--hue', String(nickHue(nick)));
  n.classList.add('nick');
  return n;
}

/** A room message (history marked), or a whisper; mine when I sent it; a mention when it names me. */
export function messageLine(body, me) {
  const li = node('li', 'message');
  li.classList.toggle('history', body.history === true);
  li.classList.toggle('mine', body.from === me);
  li.append(timeOf(body.ts || Date.now()));
  if (body.type === 'whisper') {
    li.classList.add('whisper');
    const who = body.from === me ? `you → ${body.to}` : `${body.from} → you`;
    li.append(node('span', 'from', `${who}:`));
  } else {
    li.append(nickNode('span', 'from', body.from, `${body.from}:`));
    li.classList.toggle('mention', body.from !== me && mentions(body.text, me));
  }
  const text = node('span', 'text');
  text.append(linked(String(body.text)));
  li.append(text);
  if (typeof body.seq === 'number') {
    li.dataset.seq = body.seq;
  }
  return li;
}

/** A line from the page itself: a notice, or a problem. */
export function noticeLine(text, problem = false) {
  const li = node('li', problem ? 'notice problem' : 'notice');
  li.append(timeOf(Date.now()), node('span', 'text', text));
  return li;
}

/** A line asking for a fresh token, with a field and a button; {@code onToken} gets what was pasted. */
export function renewLine(text, onToken) {
  const li = node('li', 'notice problem renew');
  const form = node('form', 'renew-form');
  const input = node('input');
  input.autocomplete = 'off';
  input.setAttribute('aria-label', 'fresh token');
  const button = node('button', null, 'Renew');
  button.type = 'submit';
  form.append(input, button);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const token = input.value.trim();
    if (token) {
      form.remove();
      onToken(token);
    }
  });
  li.append(timeOf(Date.now()), node('span', 'text', text), form);
  return li;
}

/** The line where what the person has not read begins. */
export function newMessagesLine() {
  const li = node('li', 'new-messages', 'new messages');
  li.setAttribute('role', 'separator');
  return li;
}

/** Shows or hides the button that jumps to the latest messages. */
export function showJump(shown) {
  el.jump.hidden = !shown;
}

export function isAtBottom() {
  const m = el.messages;
  return m.scrollHeight - m.scrollTop - m.clientHeight < 40;
}

export function scrollToBottom() {
  el.messages.scrollTop = el.messages.scrollHeight;
}

/** The held rooms, the current one marked, unread counts beside the others, each with a leave button. */
export function drawRoomList(rooms, current, onPick, onLeave) {
  el.roomList.replaceChildren(...[...rooms.values()].map(room => {
    const button = node('button', 'room');
    button.type = 'button';
    button.dataset.room = room.name;
    button.append(node('span', 'name', room.name));
    if (room.name === current) {
      button.setAttribute('aria-current', 'true');
    } else if (room.unread > 0) {
      button.append(node('span', 'unread', String(room.unread)));
      button.setAttribute('aria-label', `${room.name}, ${room.unread} unread`);
    }
    button.addEventListener('click', () => onPick(room.name));
    const leave = node('button', 'leave', '×');
    leave.type = 'button';
    leave.dataset.room = room.name;
    leave.title = `leave ${room.name}`;
    leave.setAttribute('aria-label', `leave ${room.name}`);
    leave.addEventListener('click', () => onLeave(room.name));
    const li = node('li');
    li.append(button, leave);
    return li;
  }));
}

/** Every room on the server with its member count; picking one joins it. */
export function drawAllRooms(list, onPick) {
  el.allRooms.replaceChildren(...list.map(entry => {
    const button = node('button', null);
    button.type = 'button';
    button.dataset.room = entry.room;
    button.append(node('span', 'name', entry.room), node('span', 'count', String(entry.members)));
    button.setAttribute('aria-label', `join ${entry.room}, ${entry.members} members`);
    button.addEventListener('click', () => onPick(entry.room));
    const li = node('li');
    li.append(button);
    return li;
  }));
}

export function drawMembers(room, me) {
  if (!room) {
    el.members.replaceChildren();
    el.memberCount.textContent = '';
    return;
  }
  el.members.replaceChildren(...room.members.map(nick => nickNode('li', nick === me ? 'mine' : null, nick, nick)));
  el.memberCount.textContent = `(${room.members.length})`;
}

/** Shows a room's lines in the message list. */
export function drawRoom(room) {
  el.title.textContent = room ? room.name : 'No room: join one';
  el.messages.replaceChildren(...(room ? room.lines.map(line => line.node) : []));
  scrollToBottom();
}

export function setStatus(text, bad = false) {
  el.status.textContent = text;
  el.status.classList.toggle('bad', bad);
}
