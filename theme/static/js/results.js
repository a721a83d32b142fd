// The results list, from <template id="finder-result"> and with textContent only, and the status line.

import { formatDistance } from './geo.js';
import { isLocated, isOnline } from './filter.js';
import { whenText, yourTimeText } from './clock.js';
import { t, tn } from './i18n.js';

export const PAGE = 50;

/** "12 meetings found.", "1 peer service found.", "No meetings match — try removing a filter." */
function countText(kind, count) {
  if (kind === 'service') {
    return count ? tn('%(count)s peer service found.', '%(count)s peer services found.', count)
      : t('No peer services match — try removing a filter.');
  }
  if (kind === 'online') {
    return count ? tn('%(count)s online community found.', '%(count)s online communities found.', count)
      : t('No online communities match — try removing a filter.');
  }
  return count ? tn('%(count)s meeting found.', '%(count)s meetings found.', count)
    : t('No meetings match — try removing a filter.');
}

/** The status line for `count` rows. `sharded`: a directory loaded by area, where, with no point `at`,
 *  listings with a place are not listed; `reached`: how far the finder looked, when not everywhere. */
export function statusText(params, count, { at = null, reached = '', sharded = false } = {}) {
  const kind = params.get('kind') || 'meeting';
  // (No t() inside `${…}`: the catalog's extractor would not find it.)
  if (sharded && !at && kind !== 'online') {
    if (count) return [countText(kind, count), t('Type a place or press “Near me” to see those nearby too.')].join(' ');
    return kind === 'service' ? t('Type a place or press “Near me” to see peer services nearby.')
      : t('Type a place or press “Near me” to see meetings nearby.');
  }
  return [countText(kind, count), reached].filter(Boolean).join(' ');
}

const regionsText = (regions) => [...regions].reverse().join(', ');

function where(l, labels) {
  const parts = l.kind === 'meeting' ? [l.fellowship, l.location, regionsText(l.regions)]
    : l.kind === 'service' ? [l.organization, regionsText(l.regions)]
      : [(l.platform || []).map((code) => labels.platform[code] || code).join(', '), l.fellowship];
  return parts.filter(Boolean).join(' · ');
}

function fill(li, selector, text) {
  const el = li.querySelector(selector);
  if (!el) return null;
  if (text) el.textContent = text;
  else el.remove(); // no empty badges or separators
  return text ? el : null;
}

/** One result row. `view`: {labels, point, units, day (0-6 or null), now}. */
function row(template, { l, distance, next }, view) {
  const li = template.content.querySelector('li').cloneNode(true);
  li.dataset.slug = l.slug;
  const link = li.querySelector('a');
  link.href = l.url;
  link.textContent = l.name;
  const active = l.status === 'active';
  const meeting = l.kind === 'meeting';
  const online = meeting && (l.attendance === 'online' || l.attendance === 'hybrid');
  fill(li, '.when', meeting ? whenText(l, { day: view.day, next, now: view.now, online }) : '');
  fill(li, '.your-time', online && active ? yourTimeText(l, next) : '');
  const badge = fill(li, '.badge:not(.live):not(.status)', meeting ? view.labels.attendance[l.attendance] || ''
    : l.kind === 'online' && l.always_open ? t('Open 24/7') : '');
  if (badge && meeting) badge.classList.add(`badge-${l.attendance}`);
  const live = next && active && next.live;
  fill(li, '.live', live === 'now' ? t('In progress') : live === 'soon' ? t('Starts soon') : '');
  fill(li, '.status', active ? '' : t('Temporarily closed'));
  fill(li, '.where', where(l, view.labels));
  fill(li, '.distance', !view.point || isOnline(l) ? '' // online: the badge says so
    : isLocated(l) && distance !== null ? formatDistance(distance, view.units, l.approximate)
      : l.address ? t('No map location yet') : ''); // an address not yet placed on the map
  return li;
}

/** Draws rows[from, shown) (from 0: replacing the list); returns the first new <li>. */
export function renderRows(list, template, rows, shown, view, from = 0) {
  const fragment = document.createDocumentFragment();
  for (const r of rows.slice(from, shown)) fragment.append(row(template, r, view));
  const first = fragment.firstElementChild;
  if (from) list.append(fragment);
  else list.replaceChildren(fragment);
  return first;
}
