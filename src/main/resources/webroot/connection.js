// A WebSocket to the chat that comes back by itself: after a loss it connects again with growing,
// randomised delays (0.25 s doubling up to 8 s), and tells its owner each time it is open again.

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 8000;

export class Connection {
  /**
   * @param url the chat's WebSocket address
   * @param handlers onOpen(), onBody(object), onClose(willRetry, delayMs)
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.attempt = 0;
    this.stopped = false;
    this.socket = null;
  }

  open() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.handlers.onOpen();
    };
    socket.onmessage = event => {
      let body;
      try {
        body = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.handlers.onBody(body);
    };
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      if (this.stopped) {
        this.handlers.onClose(false, 0);
        return;
      }
      const delay = this.nextDelay();
      this.handlers.onClose(true, delay);
      setTimeout(() => this.open(), delay);
    };
  }

  /** The wait before the next attempt: doubling, capped, with a random share so clients spread out. */
  nextDelay() {
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    this.attempt++;
    return Math.round(base / 2 + Math.random() * base / 2);
  }

  send(body) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(typeof body === 'string' ? body : JSON.stringify(body));
      return true;
    }
    return false;
  }

  /** Closes for good: no reconnection. */
  stop() {
    this.stopped = true;
    if (this.socket) {
      this.socket.close();
    }
  }
}
