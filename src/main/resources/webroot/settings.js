// The person's settings, kept in the browser: the theme (following the system's unless chosen) and
// desktop notifications for mentions (asked for from a click, never on load; off when turned off).

const THEME_KEY = 'framechat.theme';
const NOTIFY_KEY = 'framechat.notify';

const dark = window.matchMedia('(prefers-color-scheme: dark)');

/** The theme in force: the one chosen, else the system's. */
export function theme() {
  return localStorage.getItem(THEME_KEY) || (dark.matches ? 'dark' : 'light');
}

function applyTheme(button) {
  const now = theme();
  document.documentElement.dataset.theme = now;
  button.setAttribute('aria-pressed', String(now === 'dark'));
  button.title = now === 'dark' ? 'dark mode: on' : 'dark mode: off';
}

function notifying() {
  return 'Notification' in window && Notification.permission === 'granted' && localStorage.getItem(NOTIFY_KEY) !== 'off';
}

function showNotify(button) {
  const on = notifying();
  button.setAttribute('aria-pressed', String(on));
  button.title = on ? 'notifications for mentions: on' : 'notifications for mentions: off';
}

/** Wires the two buttons of the header. */
export function setUp(themeButton, notifyButton) {
  applyTheme(themeButton);
  dark.addEventListener('change', () => applyTheme(themeButton));
  themeButton.addEventListener('click', () => {
    localStorage.setItem(THEME_KEY, theme() === 'dark' ? 'light' : 'dark');
    applyTheme(themeButton);
  });
  showNotify(notifyButton);
  notifyButton.hidden = !('Notification' in window);
  notifyButton.addEventListener('click', async () => {
    if (Notification.permission !== 'granted') {
      await Notification.requestPermission();
      localStorage.setItem(NOTIFY_KEY, 'on');
    } else {
      localStorage.setItem(NOTIFY_KEY, notifying() ? 'off' : 'on');
    }
    showNotify(notifyButton);
  });
}

/** A desktop notification for a message that names the person, when they are on and allowed. */
export function notifyMention(body) {
  if (notifying()) {
    const shown = new Notification(`${body.from} in ${body.room}`, { body: body.text, tag: `framechat-${body.room}` });
    shown.addEventListener('click', () => window.focus());
  }
}
