// What the person types: messages to the room shown, /commands as the terminal client takes them,
// and the keys that move around.

import { HELP } from './words.js';
import { el, state, send, notice, show, join } from './page.js';

const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/** Why the server would refuse the text, by its own rules (UTF-8 bytes, not characters), or null. */
export function textProblem(text, maxBytes) {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    return `That message is ${bytes} bytes (UTF-8), over the server's limit of ${maxBytes}: shorten it.`;
  }
  if (CONTROLS.test(text)) {
    return 'That message holds a control character the server does not take (only tab and line feed are).';
  }
  return null;
}

/** Says the text in the room shown: true when sent; 'kept' when refused here (it stays in the box). */
function say(text) {
  if (!state.current) {
    notice('Join a room first: /join ROOM', true);
    return 'kept';
  }
  const problem = textProblem(text, state.maxTextBytes);
  if (problem) {
    notice(problem, true);
    return 'kept';
  }
  const sent = send({ type: 'say', room: state.current, text });
  if (sent) {
    state.pendingSays.push(text);
  }
  return sent;
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
  if (sent === 'kept') {
    return;
  }
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
