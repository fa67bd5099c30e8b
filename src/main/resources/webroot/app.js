// The chat page: connects (and reconnects), logs in with what the form says, and wires the modules:
// page.js (state and lines), server.js (what arrives, with session.js and lists.js), typing.js (what
// the person types).

import { Connection } from './connection.js';
import * as view from './view.js';
import { el, state, send, notice, markRead, currentRoom, drawLists } from './page.js';
import { HANDLERS } from './server.js';
import { hello } from './session.js';
import './typing.js';
import './scroll.js';
import { setUp } from './settings.js';

const ROOMS_REFRESH_MS = 30000;

async function chatUrl() {
  let path = '/ws';
  try {
    const reply = await fetch('framechat.json', { cache: 'no-store' });
    if (reply.ok) {
      const page = await reply.json();
      path = page.websocketPath || path;
      state.tokenRefreshUrl = page.tokenRefreshUrl || '';
      state.maxTextBytes = page.maxTextBytes || state.maxTextBytes;
      if (page.maxNickLength) {
        el.nick.maxLength = page.maxNickLength;
      }
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

setUp(el.theme, el.notify);

// at phone width the rooms and the members are drawers: a button opens one, picking a room or Escape closes it
function drawer(panel, button, open) {
  panel.classList.toggle('open', open);
  button.setAttribute('aria-expanded', String(open));
}
el.showRooms.addEventListener('click', () => {
  drawer(el.people, el.showPeople, false);
  drawer(el.rooms, el.showRooms, !el.rooms.classList.contains('open'));
});
el.showPeople.addEventListener('click', () => {
  drawer(el.rooms, el.showRooms, false);
  drawer(el.people, el.showPeople, !el.people.classList.contains('open'));
});
el.rooms.addEventListener('click', event => {
  if (event.target.closest('button.room, #all-rooms button')) {
    drawer(el.rooms, el.showRooms, false);
  }
});
el.joinForm.addEventListener('submit', () => drawer(el.rooms, el.showRooms, false));
document.addEventListener('keydown', event => {
  if (event.key === 'Escape') {
    drawer(el.rooms, el.showRooms, false);
    drawer(el.people, el.showPeople, false);
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

// a room shown while the window had no focus is read once it has it
const readShown = () => {
  if (!document.hidden && document.hasFocus()) {
    state.mentions = 0;
  }
  markRead(currentRoom());
  drawLists();
};
window.addEventListener('focus', readShown);
document.addEventListener('visibilitychange', readShown);

setInterval(() => {
  if (state.inSession && !document.hidden) {
    send({ type: 'rooms' });
  }
}, ROOMS_REFRESH_MS);

connect();
