// The finder: form ⇄ address bar ⇄ results. No cookies, storage or analytics; the visitor's position
// stays in this page's memory ("near=me" in the address, never coordinates).

import { t, tn } from './i18n.js';
import { warmClocks } from './clock.js';
import { formatDistance } from './geo.js';
import { nearFinder } from './near.js';
import { keptOnClear, kindOf, readForm, showKind, writeForm } from './state.js';
import { offerPlaces, offerUnplaced } from './offers.js';
import { chosenDay } from './filter.js';
import { PAGE, renderRows, statusText } from './results.js';
import { openShards } from './shards.js';
import { choose } from './choose.js';
import { openGazetteer } from './gazetteer.js';
import { mapPanel } from './finder-map.js';
import { offlineNotice } from './finder-offline.js';

const $ = (id) => document.getElementById(id);
const root = $('finder');
if (root) start(root);

async function start(root) {
  const config = { tiles: '', attribution: '', ...root.dataset };
  config.clusterCss = (config.markerclusterCss || '').split(/\s+/).filter(Boolean);
  config.units = config.units === 'km' ? 'km' : 'mi';
  const form = $('finder-form');
  const [q, near] = [$('f-q'), $('f-near')];
  const [placeNote, status, list, template] = ['place', 'status', 'results', 'result'].map((id) => $(`finder-${id}`));
  const [toggle, mapEl, mapNote, more] = ['map-toggle', 'map', 'map-note', 'more'].map((id) => $(`finder-${id}`));
  const map = mapPanel(toggle, mapEl, mapNote, config);
  const [suggest, unplacedBar] = [$('finder-suggest'), $('finder-unplaced')];
  const say = (text) => { if (placeNote.textContent !== text) placeNote.textContent = text; };
  const filters = $('finder-filters');
  const names = new Set([...filters.querySelectorAll('[name]')].map((el) => el.name));
  const filterCount = (params) => { // those the visitor chose: not the ones an embedding site locked
    const locked = (params.get('lock') || '').split(',');
    return [...params.keys()].filter((name) => names.has(name) && !locked.includes(name)).length;
  };

  const failed = () => {
    status.textContent = navigator.onLine ? t('The finder could not load. The lists of meetings below still work.')
      : t('No meetings shown without a connection.');
    list.removeAttribute('aria-busy');
    if (!navigator.onLine) offline(new URLSearchParams(location.search), true);
  };
  const notice = offlineNotice($('finder-offline'), config.shards);
  function offline(params, missing = false) {
    const place = params.get('near') === 'me' ? 'me' : (point && point.name) || '';
    notice.tell(params, place, () => rows.length, missing);
  }
  // Link to pages in this page's language: /meetings/x/ → /es/meetings/x/.
  const { siteRoot: from, languageRoot: to } = config;
  let warmed = false;
  const store = openShards(config.shards, (l) => {
    const move = from && to && to !== from && l.url.startsWith(from) && !l.url.startsWith(to);
    if (move) l.url = to + l.url.slice(from.length);
    return l;
  }, () => { // the formatters a list needs are made while its listings are on their way
    if (!warmed) (window.requestIdleCallback || setTimeout)(() => [warmClocks(), formatDistance(1, config.units)]);
    warmed = true;
  });
  // The form works at once; the first view's listings arrive meanwhile (the click on Near me and the
  // browser's question about the position do not wait for them). The gazetteer is fetched only when
  // a typed place needs it, or the visitor goes to the place box: on a slow link it would otherwise
  // share the bandwidth with the listings near the visitor.
  const ready = store.start();
  const gazetteer = openGazetteer(config.places, ready, $('f-near-list'));
  ready.catch(() => {
    form.hidden = true;
    toggle.hidden = true;
    failed();
  });
  const labels = JSON.parse($('finder-labels').textContent); // in the page's language

  let nearMe = false;
  let point = null; // {lat, lon} distances are measured from
  let pointKey = null; // the "near" value `point` was found for
  let rows = [];
  let shown = PAGE;
  let view = null;
  let current = null; // {params, reached} of the rows drawn
  let renderSeq = 0;
  let nearSeq = 0;
  let typingEntry = false; // typing in the search box has made its history entry
  let typingTimer = 0;
  let waiting = false; // a position or place is being looked up: more results to come
  const nearby = nearFinder(gazetteer.load, config.geocoder, say);

  /** After the visitor asked for a place: the first results in view, and focus on them. */
  function reveal() {
    status.scrollIntoView({ block: 'start', behavior: 'instant' });
    list.focus({ preventScroll: true });
  }

  async function resolve(text, geocodeOk) {
    const seq = ++nearSeq;
    const found = await nearby.point(text, geocodeOk);
    if (seq !== nearSeq) return false; // a newer choice replaced this one
    point = found;
    pointKey = text;
    waiting = false;
    return true;
  }

  /** Reads the form, records it in the address bar ("push" or "replace") and redraws. */
  async function update(how) {
    list.setAttribute('aria-busy', 'true'); // cleared when the new results are in
    const params = readForm(form, { nearMe, map: map.open });
    const count = filterCount(params);
    const chosen = tn('%(count)s chosen', '%(count)s chosen', count);
    $('finder-filter-count').textContent = count ? ` (${chosen})` : '';
    const query = String(params);
    const address = location.pathname + (query ? `?${query}` : '');
    if (address !== location.pathname + location.search) history[`${how}State`](null, '', address);
    const nearText = params.get('near') || '';
    if (nearText !== pointKey) { // restored from the address: list now, and again once it is found
      [point, pointKey, waiting] = [null, nearText, true];
      resolve(nearText).then((done) => done && refresh(readForm(form, { nearMe, map: map.open })));
    }
    await refresh(params);
  }

  function describe(params, at, reached) {
    const sharded = !store.single;
    if (sharded && waiting && !at) return ''; // the place is being looked up
    return statusText(params, rows.length, { at, reached, sharded });
  }

  function broken() {
    rows = [];
    list.replaceChildren();
    more.hidden = true;
    failed();
  }

  async function refresh(params) {
    const seq = ++renderSeq;
    if (!params.get('near') && (params.get('sort') === 'distance' || params.get('radius'))) {
      say(t('Type a place or press “Near me” to use distances.'));
    }
    const nearText = params.get('near') || '';
    // A place asked for and not found: no list that would pretend to be near it.
    const lost = Boolean(nearText) && !point && !waiting;
    const suggested = lost && nearText !== 'me' ? gazetteer.suggestions(nearText, 5) : [];
    offerPlaces(suggest, suggested, (label) => {
      near.value = label;
      nearChanged(false);
    });
    let chosen;
    try {
      await ready;
      if (seq !== renderSeq) return; // a newer choice came while the listings loaded
      chosen = lost ? { found: [], at: null, now: Date.now(), reached: '' }
        : await choose(store, config, params, point, PAGE + 1);
    } catch {
      if (seq === renderSeq) broken(); // a shard did not load
      return;
    }
    if (seq !== renderSeq) return;
    const { found, at, now, reached } = chosen;
    rows = found;
    current = { params, reached };
    const day = params.get('day');
    view = { labels, point: at, units: config.units, now,
      day: day && day !== 'today' && day !== 'tomorrow' ? chosenDay(day, new Date(now).getDay()) : null };
    shown = PAGE;
    renderRows(list, template, rows, shown, view);
    more.hidden = rows.length <= shown && !reached;
    const unplaced = found.unplaced || [];
    offerUnplaced(unplacedBar, unplaced.length, () => { // after the rows on screen, the first in focus
      const from = Math.min(shown, rows.length);
      rows.splice(from, 0, ...unplaced);
      shown = from + unplaced.length;
      const first = renderRows(list, template, rows, shown, view, from);
      if (first) first.querySelector('a').focus();
    });
    status.textContent = lost ? t('No meetings shown until we know where: choose a place, or press “Near me”.')
      : describe(params, at, reached);
    if (!waiting) list.removeAttribute('aria-busy');
    if (map.open) drawMap();
    if (!navigator.onLine && !waiting) offline(params);
    else if (!notice.kept && rows.length && !waiting) (window.requestIdleCallback || setTimeout)(() => offline(params));
  }

  /** "Show more": the next page, loading farther shards first when there are any. */
  async function showMore() {
    const from = Math.min(shown, rows.length); // the first row not drawn yet
    shown += PAGE;
    if (!store.single && current) {
      const seq = renderSeq;
      list.setAttribute('aria-busy', 'true');
      let chosen;
      try {
        chosen = await choose(store, config, current.params, point, shown + 1);
      } catch {
        if (seq === renderSeq) broken();
        return;
      }
      if (seq !== renderSeq) return;
      const before = new Set(rows.slice(0, from).map((r) => r.l.slug)); // the rows shown stay where they are
      rows = rows.slice(0, from).concat(chosen.found.filter((r) => !before.has(r.l.slug)));
      current.reached = chosen.reached;
      status.textContent = describe(current.params, chosen.at, chosen.reached);
      if (!waiting) list.removeAttribute('aria-busy');
      if (map.open) drawMap();
    }
    const first = renderRows(list, template, rows, shown, view, from);
    more.hidden = rows.length <= shown && !(current && current.reached);
    if (first) first.querySelector('a').focus();
  }

  const drawMap = () => map.draw(() => ({ rows, shown, point, records: store.records() }));

  /** The address bar → the form (on load, Back and Forward). */
  async function restore() {
    const params = new URLSearchParams(location.search);
    nearMe = params.get('near') === 'me';
    writeForm(form, params);
    if (filterCount(params)) filters.open = true;
    typingEntry = false;
    const open = params.get('map') === '1';
    if (open !== map.open) map.set(open);
    await update('replace');
  }

  async function nearChanged(geocodeOk) {
    const text = near.value.trim();
    if (!nearMe && text === pointKey && (point || !geocodeOk || !nearby.host)) return;
    nearMe = false;
    if (!(await resolve(text, geocodeOk))) return;
    await update('push');
    if (point) reveal();
  }

  function typed() {
    clearTimeout(typingTimer);
    typingTimer = 0;
    update(typingEntry ? 'replace' : 'push');
    typingEntry = true;
  }

  form.addEventListener('change', (event) => {
    const el = event.target;
    if (el === q) return; // handled as the visitor types
    if (el === near) { nearChanged(false); return; }
    if (el.name === 'kind') showKind(form, kindOf(form));
    typingEntry = false;
    update('push');
  });
  q.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(typed, 300);
  });
  q.addEventListener('focus', () => import('./search.js').catch(() => {}), { once: true }); // get ready
  q.addEventListener('blur', () => { if (!typingTimer) typingEntry = false; });
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.target === q || event.target === near)) return;
    event.preventDefault();
    if (event.target === near) nearChanged(true);
    else if (typingTimer) typed();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    nearMe = false;
    writeForm(form, keptOnClear(new URLSearchParams(location.search)));
    if (map.open) map.set(false);
    typingEntry = false;
    update('push');
  });
  $('f-near-me').addEventListener('click', async () => {
    renderSeq += 1; // the list is about to change: a list being drawn is not finished
    try {
      await nearby.locate();
    } catch (error) {
      say(error.message);
      update('replace'); // the list as it was
      return;
    }
    nearMe = true;
    near.value = '';
    await resolve('me'); // measure from the new position
    typingEntry = false;
    await update('push');
    if (point) reveal();
  });
  toggle.addEventListener('click', () => {
    map.set(!map.open);
    update('push');
  });
  more.querySelector('button').addEventListener('click', showMore);
  addEventListener('popstate', restore);
  addEventListener('offline', () => offline(new URLSearchParams(location.search)));

  near.addEventListener('focus', () => gazetteer.load().catch(() => {}), { once: true });
  form.hidden = false;
  map.show();
  await restore();
}
