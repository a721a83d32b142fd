// A listing page, made a little more helpful in the browser. Everything is worked out here, from the
// page and the visitor's own clock; nothing is sent anywhere.
// - Online and hybrid meetings: when the meeting starts on the visitor's clock ("8:30 PM your time").
// - Meetings in a room and services' hours: the time zone ("Central Time") is said only when the
//   visitor's clock is set to a zone with another offset at that time.
// - "Show on map": shown only here, since the map needs this script (listing-map.js draws it).
// - The notice for listings nobody has confirmed for a while.
import { differsFromVisitor, occurrence, yourTimeText } from './clock.js';
import { hostOf } from './geo.js';
import { t } from './i18n.js';

// Looked for in the listing only: an embedded finder shows it in its frame, next to its own result rows.
const listing = document.querySelector('article.listing') || document;
const when = listing.querySelector('.when-big[data-tz]');
const meeting = when && {
  days: when.dataset.days.split(',').map(Number),
  time: when.dataset.time,
  end: when.dataset.end || '',
  tz: when.dataset.tz,
};
const next = meeting && occurrence(meeting, Date.now());

const note = listing.querySelector('.your-time');
if (note && next) {
  const text = yourTimeText(meeting, next);
  if (text) {
    note.textContent = text;
    note.hidden = false;
  }
}

for (const zone of listing.querySelectorAll('.zone[data-tz]')) {
  // A meeting's zone is compared at its next start (daylight saving may change before then).
  const at = next && when.contains(zone) ? next.start : Date.now();
  zone.hidden = !differsFromVisitor(zone.dataset.tz, at);
}

const panel = listing.querySelector('.listing-map[data-tiles]');
if (panel) {
  const host = hostOf(panel.dataset.tiles.replace('{s}.', ''));
  panel.querySelector('.map-note').textContent = host
    ? t('The map shows pictures from %(host)s, which can see the area you look at.', { host }) : '';
  panel.querySelector('button').addEventListener('click', async () => {
    const { toggleMap } = await import('./listing-map.js');
    toggleMap(panel);
  });
  panel.hidden = false;
}

// Listings not confirmed for STALE_NOTICE_MONTHS: the page carries the notice hidden, with the date;
// whether it is stale depends on today, so it is decided here, not at build time.
const notice = listing.querySelector('.stale-notice[data-verified]');
if (notice) {
  const checked = new Date(`${notice.dataset.verified}T00:00:00`);
  const limit = new Date();
  limit.setMonth(limit.getMonth() - Number(notice.dataset.months));
  notice.hidden = !(checked < limit);
}
