// A listing page. For online and hybrid meetings, also say when the meeting starts on the
// visitor's own clock ("8:30 PM your time"). Worked out in the browser; nothing is sent anywhere.
import { occurrence, yourTimeText } from './clock.js';

const when = document.querySelector('.when-big[data-tz]');
const note = document.querySelector('.your-time');
if (when && note) {
  const meeting = {
    days: when.dataset.days.split(',').map(Number),
    time: when.dataset.time,
    end: when.dataset.end || '',
    tz: when.dataset.tz,
  };
  const text = yourTimeText(meeting, occurrence(meeting, Date.now()));
  if (text) {
    note.textContent = text;
    note.hidden = false;
  }
}

// Listings not confirmed for STALE_NOTICE_MONTHS: the page carries the notice hidden, with the date;
// whether it is stale depends on today, so it is decided here, not at build time.
const notice = document.querySelector('.stale-notice[data-verified]');
if (notice) {
  const checked = new Date(`${notice.dataset.verified}T00:00:00`);
  const limit = new Date();
  limit.setMonth(limit.getMonth() - Number(notice.dataset.months));
  notice.hidden = !(checked < limit);
}
