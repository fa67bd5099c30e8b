// What the page knows of each room it holds: where the room's stream stands (seq and epoch), which
// seqs it has shown (so a message shown once is never shown again), members, unread count, and the
// room's lines in display order. No network and no page layout here.

const SEEN_KEPT = 8192; // more than a room's lines (page.js MAX_LINES)
const GEN = 1e12;

export class Room {
  constructor(name) {
    this.name = name;
    this.seq = null;        // highest seq shown, in this epoch
    this.epoch = null;
    this.gen = 0;           // how many streams (epochs) this page has seen here
    this.seen = new Set();
    this.unread = 0;
    this.read = null;       // the person's read position, when the server keeps them (token logins)
    this.latest = 0;        // the room's latest seq known here
    this.members = [];
    this.whoPages = null;   // members gathered from a paged who reply
    this.resumedFrom = null; // {seq, epoch} asked in a resume, until its recovered arrives
    this.lines = [];        // {key, node, seq}, by key (seq null for a line that is not a message)
    this.olderKept = null;  // whether the server keeps messages older than the oldest line (null: not known)
    this.cutNewer = null;   // newer lines were dropped (the person reads far back): the newest seq still held
    this.loading = null;    // 'older', 'newer' or 'latest' while a page of history is asked for
    this.firstShown = false;
    this.newWhileUp = false; // live messages came while the person was scrolled up
    this.newLineShown = false;
  }

  /** Where the room stands when the page enters it (from welcome or joined): only for a new room. */
  enter(seq, epoch) {
    this.seq = typeof seq === 'number' ? seq : null;
    this.epoch = epoch ?? null;
  }

  /** What a resume gives for this room: the last seq shown, with its epoch. */
  resumePoint() {
    if (this.seq === null) {
      return 0;
    }
    return this.epoch ? { seq: this.seq, epoch: this.epoch } : this.seq;
  }

  /**
   * Takes a message's place in the stream. Returns null for a seq shown already; otherwise
   * {key, epochChanged, gap} where gap is [since, until] when live messages were skipped.
   */
  take(message) {
    if (typeof message.seq !== 'number') {
      return { key: this.lastKey(), epochChanged: false, gap: null };
    }
    let epochChanged = false;
    if (message.epoch && message.epoch !== this.epoch) {
      epochChanged = this.epoch !== null;
      this.newEpoch(message.epoch);
    }
    if (this.seen.has(message.seq)) {
      return null;
    }
    let gap = null;
    if (!message.history && this.seq !== null && message.seq > this.seq + 1) {
      gap = [this.seq, message.seq - 1];
    }
    this.seen.add(message.seq);
    if (this.seen.size > SEEN_KEPT) {
      this.seen.delete(this.seen.values().next().value);
    }
    this.seq = this.seq === null ? message.seq : Math.max(this.seq, message.seq);
    return { key: this.gen * GEN + message.seq, epochChanged, gap };
  }

  /** The stream started over (its history is gone): seqs are counted afresh. */
  newEpoch(epoch) {
    if (this.epoch !== null) {
      this.gen++;
    }
    this.epoch = epoch;
    this.seq = null;
    this.seen.clear();
  }

  /** The key before every message of the current stream (for a line saying it started over). */
  streamStartKey() {
    return this.gen * GEN;
  }

  /** The key of a line that goes after everything shown so far (notices, whispers). */
  lastKey() {
    return this.lines.length ? this.lines[this.lines.length - 1].key : 0;
  }

  /** Puts a line in display order (after lines of an equal key); returns the line it went before, or null. */
  insert(key, node, seq = null) {
    let low = 0;
    let high = this.lines.length;
    while (low < high) { // the first line of a greater key
      const mid = (low + high) >> 1;
      if (this.lines[mid].key > key) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    const before = low < this.lines.length ? this.lines[low].node : null;
    this.lines.splice(low, 0, { key, node, seq });
    return before;
  }

  /** Drops {@code count} lines, the oldest or the newest; their messages may be shown again. Returns them. */
  drop(count, oldest) {
    const gone = oldest ? this.lines.splice(0, count) : this.lines.splice(this.lines.length - count, count);
    gone.forEach(line => {
      if (line.seq !== null) {
        this.seen.delete(line.seq);
      }
    });
    return gone;
  }

  /** Forgets every line (they are loaded again). */
  clear() {
    this.drop(this.lines.length, true);
    this.olderKept = null;
    this.cutNewer = null;
    this.firstShown = false;
  }

  /** The lowest seq of the message lines held of the current stream, or null. */
  oldestSeq() {
    const line = this.lines.find(l => l.seq !== null && Math.floor(l.key / GEN) === this.gen);
    return line ? line.seq : null;
  }

  /** The highest seq of the message lines held of the current stream, or null. */
  newestSeq() {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      if (this.lines[i].seq !== null && Math.floor(this.lines[i].key / GEN) === this.gen) {
        return this.lines[i].seq;
      }
    }
    return null;
  }

  /** The key of a line just after seq {@code seq} of the current stream (the "new messages" line). */
  keyAfter(seq) {
    return this.gen * GEN + seq + 0.5;
  }

  /** The server's positions: what the person read and the room's latest seq; the unread count follows. */
  reading(read, latest) {
    this.read = Math.max(this.read ?? 0, read);
    this.latest = Math.max(this.latest, latest);
    this.unread = Math.max(0, this.latest - this.read);
  }

  present(nick) {
    if (!this.members.includes(nick)) {
      this.members.push(nick);
    }
  }

  absent(nick) {
    this.members = this.members.filter(n => n !== nick);
  }

  renamed(from, to) {
    this.members = this.members.map(n => (n === from ? to : n));
  }
}
