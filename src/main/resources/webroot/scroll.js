// Endless scrollback: at the top of a room the page before it is asked for (history "before"), down
// to the first message the server keeps; while the person reads far back with newer lines dropped,
// scrolling down brings them back; a button jumps to the latest.

import * as view from './view.js';
import { el, send, currentRoom, place } from './page.js';

const PAGE = 100;
const NEAR = 80;

/** Asks for what the scroll position needs, and shows or hides the jump button. */
export function scrolled() {
  const room = currentRoom();
  if (!room) {
    view.showJump(false);
    return;
  }
  const box = el.messages;
  if (!room.loading && box.scrollTop < NEAR && room.olderKept !== false) {
    const oldest = room.oldestSeq();
    if (oldest !== null && oldest > 1) {
      room.loading = 'older'; // its lines go in above the view, which stays where it is (page.js)
      send({ type: 'history', room: room.name, before: oldest, epoch: room.epoch, limit: PAGE });
    } else if (oldest === 1) {
      room.olderKept = false;
      firstKept(room);
    }
  } else if (!room.loading && room.cutNewer !== null && view.isAtBottom()) {
    room.loading = 'newer';
    send({ type: 'history', room: room.name, since: room.cutNewer, until: room.cutNewer + PAGE, epoch: room.epoch });
  }
  view.showJump(!view.isAtBottom() && (room.cutNewer !== null || room.newWhileUp));
  if (view.isAtBottom()) {
    room.newWhileUp = false;
  }
}

/** A line at the start of a room's stream: nothing older is kept. */
function firstKept(room) {
  if (!room.firstShown) {
    room.firstShown = true;
    place(room, room.streamStartKey(), view.noticeLine('This is the first message the server keeps of this room.'));
  }
}

/** The end of a page of history this module asked for; true when it was one (the caller does nothing more). */
export function pageEnded(room, recovered) {
  if (room.loading === 'older' && recovered.first !== undefined) {
    // once the page's lines are shown (at the animation frame they were queued for)
    requestAnimationFrame(() => {
      room.loading = null; // only now: what the page showed meanwhile asked for nothing more
      scrolled(); // still at the top (a page shorter than the view): the next one
    });
    room.olderKept = recovered.more;
    if (!recovered.more) {
      firstKept(room);
    }
    return true;
  }
  if (room.loading === 'newer' && recovered.first === undefined) {
    room.loading = null;
    const newest = room.newestSeq();
    room.cutNewer = newest === null || newest >= room.seq ? null : newest;
    scrolled();
    return true;
  }
  if (room.loading === 'latest') {
    room.loading = null;
    view.scrollToBottom();
    return true;
  }
  return false;
}

/** The latest messages: at once when the page holds them, else loaded again. */
function jump() {
  const room = currentRoom();
  if (!room) {
    return;
  }
  if (room.cutNewer !== null) {
    room.clear();
    el.messages.replaceChildren();
    room.loading = 'latest';
    send({ type: 'history', room: room.name, limit: PAGE });
  }
  view.scrollToBottom();
  view.showJump(false);
}

el.messages.addEventListener('scroll', scrolled);
el.jump.addEventListener('click', jump);
