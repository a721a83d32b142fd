// Meeting times are wall-clock times in the meeting's zone; instants come from Intl.formatToParts.

import { language, t } from './i18n.js';

const WEEKDAY = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const MINUTE = 60000;
const formats = new WeakMap(); // options → `${zone}|${lang}` → Intl.DateTimeFormat
const lists = new Map(); // language → Intl.ListFormat
const generic = new Map(); // `${zone}|${lang}` → "Central Time"

/** An Intl.DateTimeFormat, made once for each zone, options (one of the constant objects here) and
 *  language. An unknown zone gives the visitor's own, or (`fallback` false) throws. */
function formatter(zone, options, lang = 'en-US', fallback = true) {
  let made = formats.get(options);
  if (!made) formats.set(options, (made = new Map()));
  const key = `${zone}|${lang}`;
  let found = made.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(lang, { ...options, timeZone: zone });
    } catch (error) {
      if (!fallback) throw error;
      return formatter(undefined, options, lang);
    }
    made.set(key, found);
  }
  return found;
}

const PARTS = { hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric' };

const clocks = new Map(); // zone and instant → wall clock: a list asks about the same few many times

/** The wall clock in `zone` (undefined: the visitor's zone) at instant `at`. */
export function wallClock(zone, at) {
  const key = `${zone} ${at}`;
  let found = clocks.get(key);
  if (!found) {
    const p = {};
    for (const { type, value } of formatter(zone, PARTS).formatToParts(at)) p[type] = type === 'weekday' ? value : +value;
    found = { ...p, hour: p.hour % 24, weekday: WEEKDAY[p.weekday] };
    if (clocks.size > 5000) clocks.clear();
    clocks.set(key, found);
  }
  return found;
}

function offset(zone, at) {
  const w = wallClock(zone, at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(at / MINUTE) * MINUTE;
}

/** The instant when the clock in `zone` reads this date and time (days may run over). */
export function instant(zone, year, month, day, hour, minute) {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = offset(zone, guess);
  const second = offset(zone, guess - first);
  return guess - (first === second ? first : second);
}

/** "19:30" → 1170, minutes after midnight: the one place an "HH:MM" time is read. */
export const minutesOf = (hhmm) => {
  const [h, m] = String(hhmm).split(':').map(Number);
  return h * 60 + m;
};

/** Current or next occurrence {start, end, day, live: "now"|"soon"|""} (null: by appointment). */
export function occurrence(meeting, now) {
  if (!meeting.time || !meeting.days || !meeting.days.length) return null;
  const start = minutesOf(meeting.time);
  const length = (meeting.end ? (minutesOf(meeting.end) - start + 1440) % 1440 : 0) || 60;
  const today = wallClock(meeting.tz, now);
  for (let k = -1; k <= 7; k += 1) {
    const day = (today.weekday + k + 7) % 7;
    if (!meeting.days.includes(day)) continue;
    const begins = instant(meeting.tz, today.year, today.month, today.day + k, Math.floor(start / 60), start % 60);
    if (begins + length * MINUTE > now) {
      const live = begins <= now ? 'now' : begins - now <= 60 * MINUTE ? 'soon' : '';
      return { start: begins, end: begins + length * MINUTE, day, live };
    }
  }
  return null;
}

/** "7:30 PM" (in the page's language) for a number of minutes after midnight. */
const CLOCK = { hour: 'numeric', minute: '2-digit' };
const WEEKDAY_NAME = { weekday: 'long' };
const ZONE_NAMES = [{ timeZoneName: 'longGeneric' }, { timeZoneName: 'long' }];
const clock = (minutes) => formatter('UTC', CLOCK, language())
  .format(Date.UTC(2017, 0, 1, 0, minutes)).replace('\u202f', ' ');
/** 0 → "Sunday" (1 January 2017 was a Sunday). */
const dayName = (day) => formatter('UTC', WEEKDAY_NAME, language()).format(Date.UTC(2017, 0, 1 + day));

/** "Central Time" (in the page's language): the zone as people say it, at instant `at`. */
export function zoneName(zone, at = Date.now()) {
  const key = `${zone}|${language()}`;
  if (generic.has(key)) return generic.get(key);
  for (const options of ZONE_NAMES) {
    try {
      const parts = formatter(zone, options, language(), false).formatToParts(at);
      const name = parts.find((part) => part.type === 'timeZoneName');
      if (name && options === ZONE_NAMES[0]) generic.set(key, name.value); // the same all year
      if (name) return name.value;
    } catch {
      // an old browser without this name, or an unknown zone: try the next, then the zone's own name
    }
  }
  return String(zone || '').split('/').pop().replace(/_/g, ' ');
}

/** Makes the formatters a list of results needs (about a tenth of a second on a slow phone), meant for
 *  a moment the page only waits for the network. */
export function warmClocks() {
  const visitor = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  wallClock(undefined, Date.now());
  wallClock(visitor, Date.now());
  clock(0);
  dayName(0);
  zoneName(visitor);
}

/** Does the visitor's clock read differently from the clock in `zone` at instant `at`? */
export const differsFromVisitor = (zone, at) => Boolean(zone)
  && zone !== formatter(undefined, PARTS).resolvedOptions().timeZone && offset(zone, at) !== offset(undefined, at);

function daysText(days) {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return t('Every day');
  const names = sorted.map(dayName);
  if (sorted.length > 2 && sorted.every((d, i) => !i || d === sorted[i - 1] + 1)) {
    return t('%(first)s to %(last)s', { first: names[0], last: names[names.length - 1] });
  }
  if (!Intl.ListFormat) return names.join(', ');
  const lang = language();
  if (!lists.has(lang)) lists.set(lang, new Intl.ListFormat(lang, { type: 'conjunction' }));
  return lists.get(lang).format(names);
}

/** "Today", "Tomorrow" or the weekday of occurrence `next`, on the meeting's own calendar. */
function nextDayText(meeting, next, now) {
  const today = wallClock(meeting.tz, now).weekday;
  if (next.day === today && next.start - now < 86400000) return t('Today');
  if (next.day === (today + 1) % 7 && next.start - now < 2 * 86400000) return t('Tomorrow');
  return dayName(next.day);
}

/** When a meeting meets, for a result row: "Today 7:30 PM", "Tomorrow 7:00 AM · Every day",
 *  "Monday 7:30 PM" when `day` (0-6) was asked for; the zone ("Central Time") only where it helps:
 *  for meetings online, or in a zone whose clock differs from the visitor's. */
export function whenText(meeting, { day = null, next = null, now = Date.now(), online = false } = {}) {
  if (!meeting.time || !meeting.days.length) return t('By appointment');
  const time = clock(minutesOf(meeting.time));
  let text;
  if (day !== null && day !== undefined) text = `${dayName(day)} ${time}`;
  else if (next) {
    text = `${nextDayText(meeting, next, now)} ${time}`;
    if (meeting.days.length > 1) text += ` · ${daysText(meeting.days)}`;
  } else text = `${daysText(meeting.days)} ${time}`;
  const at = next ? next.start : now;
  return online || differsFromVisitor(meeting.tz, at) ? `${text}, ${zoneName(meeting.tz, at)}` : text;
}

/** "8:30 PM your time" when the visitor's clock reads differently from the meeting's. */
export function yourTimeText(meeting, next) {
  if (!next) return '';
  const mine = wallClock(undefined, next.start);
  const minutes = mine.hour * 60 + mine.minute;
  const shift = (mine.weekday - next.day + 7) % 7;
  if (!shift && minutes === minutesOf(meeting.time)) return '';
  const time = clock(minutes);
  return shift === 1 ? t('%(time)s your time, the next day', { time })
    : shift === 6 ? t('%(time)s your time, the day before', { time }) : t('%(time)s your time', { time });
}
