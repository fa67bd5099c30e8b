// What the server's codes mean, in words for people.

const ERRORS = {
  frame_too_large: 'That message is too large.',
  bad_utf8: 'That message was not valid text.',
  bad_json: 'The server could not read that request.',
  unknown_type: 'The server does not know that request.',
  unknown_command: 'Unknown command. Type /help to see the commands.',
  bad_request: 'That was refused',
  nick_taken: 'That nick is taken; pick another one.',
  no_such_nick: 'Nobody has that nick.',
  not_in_room: 'You are not in that room.',
  too_many_rooms: 'You are in as many rooms as the server allows; leave one first.',
  rate_limited: 'Slow down: that message was dropped.',
  slow_consumer: 'The connection could not keep up with the room.',
  too_many_connections: 'The server is full; trying again.',
  unavailable: 'The server could not do that just now; try again.',
  auth_required: 'Log in first.',
  auth_failed: 'The token was refused.',
  forbidden: 'Your token does not allow that.',
  banned: 'You are banned',
  shutting_down: 'The server is restarting: that message was not sent. Send it again in a moment.',
  token_expired: 'Your token has expired: paste a fresh one below, or log in again.',
  too_many_sessions: 'You are logged in on as many devices as the server allows: log out on one first.',
  store_unavailable: 'Older messages cannot be read just now; try again.',
};

const BYES = {
  quit: 'You left the chat.',
  shutdown: 'The server is restarting.',
  idle: 'The connection was closed after being idle.',
  flooding: 'You were disconnected for sending too fast.',
  auth_failed: 'The token was refused.',
  auth_timeout: 'You did not log in in time.',
  token_expired: 'Your token expired.',
  replaced: 'You logged in from somewhere else, so this page was disconnected.',
  disconnected: 'An operator disconnected you.',
  banned: 'You are banned from this server.',
};

/** Bye reasons after which coming back at once is right (the others need the person to decide). */
const RETRY_AFTER = new Set(['shutdown', 'idle', 'slow_consumer']);

export function errorText(body) {
  const known = ERRORS[body.code];
  if (!known) {
    return body.message || `Error: ${body.code}`;
  }
  // Codes whose detail only the server's message carries (which field, until when).
  if ((body.code === 'bad_request' || body.code === 'banned') && body.message) {
    return `${known}: ${body.message}`;
  }
  return known;
}

export function byeText(body) {
  const words = BYES[body.reason] || `Disconnected (${body.reason}).`;
  return body.message ? `${words} “${body.message}”` : words;
}

export function retriesAfterBye(body) {
  return body.reconnect === true || RETRY_AFTER.has(body.reason);
}

export const HELP = [
  ['/join ROOM', 'join a room (or switch to it)'],
  ['/leave [ROOM]', 'leave a room (the one shown if none is named)'],
  ['/who [ROOM]', 'list who is in a room'],
  ['/rooms', 'list every room'],
  ['/msg NICK TEXT', 'whisper to someone'],
  ['/nick NAME', 'change your nick'],
  ['/history [ROOM] [N]', 'show what was said earlier'],
  ['/quit', 'leave the chat'],
  ['/help', 'this list'],
];
