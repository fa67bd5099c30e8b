// Logging in and staying in: hello (with a resume after a reconnect), the welcome and the nick, a
// token renewed before it expires, the errors that concern the session or a say, and bye.

import * as view from './view.js';
import { errorText, byeText, retriesAfterBye } from './words.js';
import { el, NICK_KEY, state, send, currentRoom, place, notice, drawLists, show, addRoom, showLogin } from './page.js';

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

export function onWelcome(body) {
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

export function onNick(body) {
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

export function onNotice(body) {
  if (body.code === 'token_expiring') {
    renewToken('Your login expires soon.');
  } else if (body.message) {
    notice(body.message);
  }
}

export function onError(body) {
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

export function onBye(body) {
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
