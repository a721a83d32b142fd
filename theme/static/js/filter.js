// Which listings match the form, and in what order.

import { distanceKm, toUnits } from './geo.js';
import { occurrence } from './clock.js';

// Times of day, by the meeting's own start time, in minutes after midnight: [from, to).
const TIMES = { morning: [300, 720], afternoon: [720, 1020], evening: [1020, 1260], night: [1260, 300] };

/** Online meetings and online communities have no place: distances and radii do not apply. */
export const isOnline = (l) => l.kind === 'online' || l.attendance === 'online';
export const isLocated = (l) => !isOnline(l) && Number.isFinite(l.lat) && Number.isFinite(l.lon);

function atTime(hhmm, name) {
  const range = TIMES[name];
  if (!range) return true;
  if (!hhmm) return false;
  const [h, m] = hhmm.split(':').map(Number);
  const t = h * 60 + m;
  return range[0] < range[1] ? t >= range[0] && t < range[1] : t >= range[0] || t < range[1];
}

/** Does listing `l` pass every filter in `p` (URLSearchParams)? `today`: the visitor's weekday. */
export function matches(l, p, today) {
  const has = (name, values) => !p.get(name) || (values || []).includes(p.get(name));
  if (l.kind !== (p.get('kind') || 'meeting')) return false;
  const region = p.get('region');
  if (region) {
    const path = l.regions.join(' › ');
    if (path !== region && !path.startsWith(`${region} › `)) return false;
  }
  if (!has('language', l.languages)) return false;
  if (l.kind === 'meeting') {
    const day = p.get('day');
    if (day && !l.days.includes(day === 'today' ? today : Number(day))) return false;
    if (!atTime(l.time, p.get('time'))) return false;
    if (p.get('fellowship') && l.fellowship !== p.get('fellowship')) return false;
    // "In person": can go in person (in person or hybrid); "Online": can join online; "hybrid": both.
    const attendance = p.get('attendance');
    if (attendance && l.attendance !== attendance && !(attendance !== 'hybrid' && l.attendance === 'hybrid')) {
      return false;
    }
    return p.getAll('type').every((type) => l.types.includes(type));
  }
  if (!has('serves', l.serves) || !has('cost', l.cost)) return false;
  if (l.kind === 'service') return has('service_type', l.service_types);
  return has('platform', l.platform) && (!p.get('always') || l.always_open);
}

const compare = (a, b) => (a === b ? 0 : a < b ? -1 : 1);
/** Words typed or in a name: runs of letters and digits, lower case. */
export const words = (text) => String(text || '').normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
const squashName = (text) => words(text).join(' ');

/** Matching listings as sorted rows {l, distance, next, score}, closed ones last. */
export function select(listings, p, { point, scores, now, units }) {
  const today = new Date(now).getDay();
  const radius = point ? Number(p.get('radius')) || 0 : 0;
  const typed = scores ? squashName(p.get('q')) : '';
  const rows = [];
  for (const l of listings) {
    if (!matches(l, p, today) || (scores && !scores.has(l.slug))) continue;
    const distance = point && isLocated(l) ? toUnits(distanceKm(point, l), units) : null;
    if (radius && !isOnline(l) && !(distance !== null && distance <= radius)) continue;
    let score = scores ? scores.get(l.slug) : 0;
    if (typed) { // the listing's own name, typed in full, comes first
      const name = squashName(l.name);
      score += name === typed ? 1e6 : name.startsWith(typed) ? 1e3 : 0;
    }
    rows.push({ l, distance, next: l.kind === 'meeting' ? occurrence(l, now) : null, score });
  }
  const sort = p.get('sort');
  const byTime = (a, b) => compare(a.next ? a.next.start : Infinity, b.next ? b.next.start : Infinity);
  const byName = (a, b) => a.l.name.localeCompare(b.l.name) || compare(a.l.slug, b.l.slug);
  const byDistance = (a, b) => compare(a.distance ?? Infinity, b.distance ?? Infinity);
  const order = sort === 'distance' && point ? [byDistance, byTime]
    : sort === 'time' ? [byTime]
      : scores ? [(a, b) => b.score - a.score, byTime]
        : [byTime];
  const closed = (row) => (row.l.status === 'active' ? 0 : 1);
  rows.sort((a, b) => closed(a) - closed(b) || order.reduce((c, f) => c || f(a, b), 0) || byName(a, b));
  return rows;
}
