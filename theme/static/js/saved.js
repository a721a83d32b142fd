// My meetings: the listings this visitor saved on this device (mine.js), each meeting with its next times
// worked out on the visitor's clock (clock.js) — soonest first — and a button to take it out. Drawn
// from the page's <template> with textContent only. Works offline once the site has been visited (sw.js
// keeps this page); the worker also shows it for a page it never kept, which this page then says.

import { occurrence, whenText, yourTimeText } from './clock.js';
import { language, t } from './i18n.js';
import { pageOf, readSaved, same, watchSaved, writeSaved } from './mine.js';

const TIMES = 3; // next times listed for each meeting
const DATE = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' };

const root = document.getElementById('saved');
if (root) start(root);

/** The meeting's next `count` times after `now`: occurrences (see clock.js), soonest first. */
function nextTimes(item, now, count) {
  const found = [];
  let from = now;
  while (found.length < count) {
    const next = occurrence(item, from);
    if (!next) break;
    found.push(next);
    from = next.end;
  }
  return found;
}

function fill(li, selector, text) {
  const el = li.querySelector(selector);
  el.textContent = text;
  el.hidden = !text;
  return el;
}

function draw(item, template, now, languageRoot) {
  const li = template.content.firstElementChild.cloneNode(true);
  const link = li.querySelector('.saved-name a');
  link.href = pageOf(item, languageRoot);
  link.textContent = item.name;
  const times = item.time ? nextTimes(item, now, TIMES) : [];
  const [next] = times;
  fill(li, '.live', next && next.live === 'now' ? t('In progress') : next && next.live === 'soon' ? t('Starts soon') : '');
  fill(li, '.saved-when', item.kind === 'meeting' ? whenText(item, { next, now, online: item.online }) : '');
  fill(li, '.saved-your-time', next && item.online ? yourTimeText(item, next) : '');
  fill(li, '.saved-where', item.where);
  const list = li.querySelector('.saved-times');
  const format = new Intl.DateTimeFormat(language(), { ...DATE, timeZone: item.tz || undefined });
  list.replaceChildren(...times.map((time) => {
    const row = document.createElement('li');
    const stamp = row.appendChild(document.createElement('time'));
    stamp.dateTime = new Date(time.start).toISOString();
    stamp.textContent = format.format(time.start);
    return row;
  }));
  li.querySelector('.saved-times-block').hidden = !times.length;
  li.querySelector('.saved-remove .visually-hidden').textContent = ` ${item.name}`;
  return { li, start: next ? next.start : Infinity };
}

function start(root) {
  const [needs, intro, empty, list, status, elsewhere] = ['needs', 'intro', 'empty', 'list', 'status', 'elsewhere']
    .map((part) => document.getElementById(`saved-${part}`));
  const template = document.getElementById('saved-item');
  const { page, languageRoot } = root.dataset;
  // sw.js shows this page for a page it never kept, when there is no connection.
  elsewhere.hidden = new URL(page, location.href).pathname === location.pathname;

  function render(focusAfter = null) {
    const saved = readSaved();
    if (saved === null) {
      needs.textContent = t('This browser keeps nothing for this site on this device (storage is turned off), so nothing can be saved here.');
      return;
    }
    needs.hidden = true;
    intro.hidden = false;
    const now = Date.now();
    const drawn = saved.map((item) => ({ item, ...draw(item, template, now, languageRoot) }));
    drawn.sort((a, b) => a.start - b.start || a.item.name.localeCompare(b.item.name, language()));
    list.replaceChildren(...drawn.map(({ li, item }) => {
      li.querySelector('.saved-remove').addEventListener('click', () => remove(item, drawn));
      return li;
    }));
    list.hidden = !drawn.length;
    empty.hidden = Boolean(drawn.length);
    if (focusAfter !== null) {
      const next = list.children[Math.min(focusAfter, list.children.length - 1)];
      (next ? next.querySelector('.saved-name a') : document.querySelector('h1')).focus();
    }
  }

  function remove(item, drawn) {
    const at = drawn.findIndex((entry) => entry.item === item);
    if (!writeSaved((readSaved() || []).filter((other) => !same(other, item)))) {
      status.textContent = t('This browser would not keep it: its storage may be full or turned off.');
      return;
    }
    status.textContent = t('%(name)s was taken out of My meetings.', { name: item.name });
    render(at);
  }

  render();
  watchSaved(() => render());
  (window.requestIdleCallback || setTimeout)(() => import('./offline.js').then((offline) => offline.keepOffline())
    .catch(() => {}));
}
