// The site without a connection. Loaded only after a page has done its first work (the finder's first
// results, a listing, My meetings), so it never slows the first visit.
// - keepOffline(): installs the site's service worker (sw.js at the site's root, written by the build),
//   after the page has loaded, and asks it to keep what this first visit loaded without it.
// - tellOffline(): the finder's plain notice of what it shows without a connection, and from when.
// Nothing here sends anything anywhere: the worker only keeps the site's own files on this device.

import { language, t } from './i18n.js';

const SAVED = 'X-Pillar-Saved'; // set by sw.js on each copy it keeps

/** The site's root: where the web app manifest is (every page names it). */
function siteRoot() {
  const manifest = document.querySelector('link[rel="manifest"]');
  return manifest ? new URL('.', manifest.href) : null;
}

/** A new version of the worker, once installed, takes over at once (see sw.js): the site updated
 *  reaches this visit, and the old version's cache goes. */
function hurry(registration) {
  let tries = 0;
  const nudge = () => { // again while it waits: it may be told while the old worker is still busy
    if (!registration.waiting || tries > 30) return;
    tries += 1;
    registration.waiting.postMessage({ takeOver: true });
    setTimeout(nudge, 1000);
  };
  const watch = (worker) => worker && worker.addEventListener('statechange', () => { tries = 0; nudge(); });
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  nudge();
}

/** Registers the worker once the page has loaded; a page it does not control yet (the first visit) asks
 *  it to keep the page itself and the site's files the page fetched; and any page, the files in `also`
 *  (a listing's calendar: browsers download it without asking the worker). */
export function keepOffline(also = []) {
  const root = siteRoot();
  if (!root || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const start = async () => {
    const first = !navigator.serviceWorker.controller;
    try {
      hurry(await navigator.serviceWorker.register(new URL('sw.js', root), { scope: root.pathname }));
    } catch {
      return; // blocked or unsupported: the site works as before, online
    }
    // Once controlled, the worker saw every request of the page.
    const used = first ? [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)] : [];
    const keep = [...used, ...also].filter((url) => url.startsWith(root.href));
    if (!keep.length) return;
    const registration = await navigator.serviceWorker.ready;
    if (registration.active) registration.active.postMessage({ keep });
  };
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}

/** The oldest date the worker kept any of `urls` (ms), or null. */
async function keptOn(urls) {
  if (!window.caches) return null;
  let oldest = null;
  for (const url of urls) {
    try {
      const kept = await caches.match(url);
      const when = kept && Date.parse(kept.headers.get(SAVED) || '');
      if (when && (oldest === null || when < oldest)) oldest = when;
    } catch {
      // storage not readable: no date
    }
  }
  return oldest;
}

function dateText(when) {
  const options = { day: 'numeric', month: 'short' };
  if (new Date(when).getFullYear() !== new Date().getFullYear()) options.year = 'numeric';
  return new Intl.DateTimeFormat(language(), options).format(when);
}

function shownText(kind, place, date, count, query) {
  if (query && !count) return t('You are offline: searching by name works only where it was used on this device with a connection.');
  if (!place && !count) return t('You are offline: meetings can be shown only near places you looked at while you had a connection.');
  if (!date) return t('You are offline: showing what was saved on this device earlier.');
  if (kind !== 'meeting') return t('You are offline: showing what was saved on this device on %(date)s.', { date });
  if (place === 'me') return t('You are offline: showing meetings near you saved on this device on %(date)s.', { date });
  if (place) return t('You are offline: showing meetings near %(place)s saved on this device on %(date)s.', { place, date });
  return t('You are offline: showing meetings saved on this device on %(date)s.', { date });
}

function missingText(kind, place) {
  if (kind === 'meeting' && place && place !== 'me') {
    return t('You are offline, and the meetings near %(place)s were not saved on this device. They show once you are online again.', { place });
  }
  return t('You are offline, and these results were not saved on this device. They show once you are online again.');
}

/** Says in `notice` (its first child takes the text) that the page is offline: what the finder shows and
 *  when it was saved ({kind, place: a name, "me" or "", count: the results shown, query: the words
 *  searched for, data: the data files they came from}),
 *  or (`missing`: a data file did not load) that what was asked for was never saved here. Hidden while
 *  the browser is online, and again once it is. */
export async function tellOffline(notice, { kind = 'meeting', place = '', count = 0, query = '', data = [],
  missing = false }) {
  const text = notice.firstElementChild;
  const asked = String(Number(notice.dataset.asked || 0) + 1); // a later question wins over this one
  notice.dataset.asked = asked;
  if (navigator.onLine) { // a file that did not load is the finder's own message's business
    notice.hidden = true;
    return;
  }
  const when = missing ? null : await keptOn(data);
  if (notice.dataset.asked !== asked) return;
  text.textContent = missing ? missingText(kind, place) : shownText(kind, place, when && dateText(when), count, query);
  notice.hidden = false;
  addEventListener('online', () => { notice.hidden = true; }, { once: true });
}

/** The site's data files this page fetched (the finder's shards, the list of them, the gazetteer). */
export function dataFetched(folder) {
  return performance.getEntriesByType('resource').map((entry) => entry.name)
    .filter((url) => url.startsWith(folder) && url.endsWith('.json') && !url.endsWith('.index.json'));
}
