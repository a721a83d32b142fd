// "Save" on a listing page: keeps the listing in My meetings, on this device only (see mine.js); pressed
// again ("Saved — remove"), takes it out. Without JavaScript the button stays hidden.
// A saved listing's page, opened again, brings its copy up to date. Then (see offline.js) the site, and
// the listing's calendar file, are kept for use without a connection.

import { t } from './i18n.js';
import { readSaved, same, watchSaved, writeSaved } from './mine.js';

const button = document.querySelector('article.listing .save-button');
if (button) start(button);

/** What the page says about the listing, as My meetings keeps it. */
function fromPage(button) {
  const { kind, slug, name, where, online } = button.dataset;
  const item = { kind, slug, name, where: where || '', online: online === '1' };
  const when = button.closest('article').querySelector('.when-big[data-tz]');
  if (when) {
    const { days, time, end, tz } = when.dataset;
    Object.assign(item, { days: days.split(',').map(Number), time, end: end || '', tz });
  }
  return item;
}

function start(button) {
  const bar = button.closest('.save-bar');
  const note = bar.querySelector('.save-note');
  const item = fromPage(button);
  const show = () => {
    const saved = readSaved();
    const kept = Boolean(saved && saved.some((other) => same(other, item)));
    button.textContent = kept ? t('Saved — remove') : t('Save');
    return saved;
  };
  const saved = show();
  if (saved === null) { // storage is off: say so instead of offering a button that cannot work
    button.hidden = true;
    note.textContent = t('This browser keeps nothing for this site on this device, so listings cannot be saved here.');
    bar.hidden = false;
    return;
  }
  const old = saved.find((other) => same(other, item));
  if (old) writeSaved(saved.map((other) => (other === old ? { ...item, saved: old.saved } : other))); // as it is now
  button.addEventListener('click', () => {
    const now = readSaved() || [];
    const kept = now.some((other) => same(other, item));
    const next = kept ? now.filter((other) => !same(other, item)) : [...now, { ...item, saved: Date.now() }];
    if (!writeSaved(next)) {
      note.textContent = t('This browser would not keep it: its storage may be full or turned off.');
      return;
    }
    show();
    note.textContent = kept ? t('Removed from My meetings.') : t('Saved in My meetings, on this device only.');
  });
  watchSaved(show);
  bar.hidden = false;
  const calendars = [...document.querySelectorAll('article.listing a[download][href$=".ics"]')].map((a) => a.href);
  (window.requestIdleCallback || setTimeout)(() => import('./offline.js')
    .then((offline) => offline.keepOffline(calendars)).catch(() => {}));
}
