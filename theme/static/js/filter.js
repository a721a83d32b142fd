// Which listings match the form, and in what order.

import { distanceKm, toUnits } from './geo.js';
import { minutesOf, occurrence } from './clock.js';

// Times of day, by the meeting's own start time, in minutes after midnight: [from, to).
const TIMES = { morning: [300, 720], afternoon: [720, 1020], evening: [1020, 1260], night: [1260, 300] };

/** Online meetings and online communities have no place: distances and radii do not apply. */
export const isOnline = (l) => l.kind === 'online' || l.attendance === 'online';
export const isLocated = (l) => !isOnline(l) && Number.isFinite(l.lat) && Number.isFinite(l.lon);

function atTime(hhmm, name) {
  const range = TIMES[name];
  if (!range) return true;
  if (!hhmm) return false;
  const t = minutesOf(hhmm);
  return range[0] < range[1] ? t >= range[0] && t < range[1] : t >= range[0] || t < range[1];
}

/** The weekday a "day" choice means: 0-6, "today" or "tomorrow" (the visitor's), or null for any day. */
export function chosenDay(value, today) {
  if (value === 'today') return today;
  if (value === 'tomorrow') return (today + 1) % 7;
  return value && /^[0-6]$/.test(value) ? Number(value) : null;
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
    const day = chosenDay(p.get('day'), today);
    if (day !== null && !l.days.includes(day)) return false;
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

/** Meetings within this many km of the place count as near, and come before farther ones; where
 *  fewer than NEARBY_COUNT are that near, as far as the NEARBY_COUNT-th nearest. */
const NEARBY_KM = 40;
const NEARBY_COUNT = 10;
const HOUR = 3600000;

/** When the next meeting is, as the visitor would say it: 0 in progress or starting within the hour,
 *  1 later today, 2 tomorrow, 3 later, 4 never (by appointment). Days are the visitor's own. */
function whenBucket(next, now, midnights) {
  if (!next) return 4;
  if (next.start <= now + HOUR) return 0;
  return next.start < midnights[0] ? 1 : next.start < midnights[1] ? 2 : 3;
}

/** The visitor's next two midnights, as instants. */
function midnights(now) {
  const day = new Date(now);
  return [1, 2].map((k) => new Date(day.getFullYear(), day.getMonth(), day.getDate() + k).getTime());
}

/** Matching listings as sorted rows {l, distance, next, score, bucket}, closed ones last. Meetings
 *  come "soonest first": in progress or starting within the hour (nearest first when there is a place),
 *  then later today, tomorrow and later (by start time); meetings near the place before farther ones.
 *  The returned array's `unplaced` holds the in-person listings a radius left out because they have
 *  no map location yet: they are counted and can be shown, never silently lost. */
export function select(listings, p, { point, scores, now, units }) {
  const today = new Date(now).getDay();
  const radius = point ? Number(p.get('radius')) || 0 : 0;
  const typed = scores ? squashName(p.get('q')) : '';
  const rows = [];
  const unplaced = [];
  const nights = midnights(now);
  for (const l of listings) {
    if (!matches(l, p, today) || (scores && !scores.has(l.slug))) continue;
    const distance = point && isLocated(l) ? toUnits(distanceKm(point, l), units) : null;
    let score = scores ? scores.get(l.slug) : 0;
    if (typed) { // the listing's own name, typed in full, comes first
      const name = squashName(l.name);
      score += name === typed ? 1e6 : name.startsWith(typed) ? 1e3 : 0;
    }
    const next = l.kind === 'meeting' ? occurrence(l, now) : null;
    const row = { l, distance, next, score, bucket: whenBucket(next, now, nights), far: false };
    if (radius && !isOnline(l) && !(distance !== null && distance <= radius)) {
      if (distance === null) unplaced.push(row);
      continue;
    }
    rows.push(row);
  }
  if (point && !radius) {
    const distances = rows.map((r) => r.distance).filter((d) => d !== null).sort((a, b) => a - b);
    const nearby = Math.max(toUnits(NEARBY_KM, units), distances[Math.min(NEARBY_COUNT, distances.length) - 1] ?? 0);
    for (const r of rows) r.far = !isOnline(r.l) && !(r.distance !== null && r.distance <= nearby);
  }
  const sort = p.get('sort');
  const day = chosenDay(p.get('day'), today);
  const byTime = (a, b) => compare(a.next ? a.next.start : Infinity, b.next ? b.next.start : Infinity);
  const byName = (a, b) => a.l.name.localeCompare(b.l.name) || compare(a.l.slug, b.l.slug);
  const byDistance = (a, b) => compare(a.distance ?? Infinity, b.distance ?? Infinity);
  const byScore = (a, b) => b.score - a.score;
  const byFar = (a, b) => Number(a.far) - Number(b.far);
  // One chosen weekday other than today: that day's meetings by their start time.
  const startsAt = (row) => (row.l.time ? minutesOf(row.l.time) : Infinity); // by appointment: last
  const byClock = (a, b) => compare(startsAt(a), startsAt(b));
  const soonest = (a, b) => a.bucket - b.bucket
    || (a.bucket === 0 && point ? byDistance(a, b) : 0) || byTime(a, b) || byDistance(a, b);
  const meetings = (p.get('kind') || 'meeting') === 'meeting';
  let order;
  if (sort === 'distance' && point) order = [byDistance, byTime];
  else if (!meetings) order = point ? [byDistance] : [];
  else if (day !== null && day !== today) order = [byFar, byClock, byDistance];
  else order = [byFar, soonest];
  if (scores && !(sort === 'distance' && point)) order = [byScore, ...order];
  const closed = (row) => (row.l.status === 'active' ? 0 : 1);
  rows.sort((a, b) => closed(a) - closed(b) || order.reduce((c, f) => c || f(a, b), 0) || byName(a, b));
  unplaced.sort(byName);
  rows.unplaced = unplaced;
  return rows;
}
