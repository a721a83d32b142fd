// The listings a visitor saved ("Save" on a listing page; the My meetings page lists them). They are kept
// in this browser's localStorage only: never sent anywhere, never in a cookie.
// Each is {kind, slug, name, where, online, saved} and, for a meeting with a schedule, {days, time, end, tz}:
// what the listing's page said when it was saved (or last opened), so My meetings works offline.

const KEY = 'pillar-saved';
const FOLDERS = { meeting: 'meetings', service: 'services', online: 'online' };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Is `item` one of ours, as a page wrote it (storage can hold anything another script put there)? */
function valid(item) {
  if (!item || typeof item !== 'object' || !(item.kind in FOLDERS) || !SLUG.test(String(item.slug))) return false;
  if (typeof item.name !== 'string' || !item.name) return false;
  if (item.time === undefined) return true;
  return TIME.test(item.time) && Array.isArray(item.days) && item.days.every((d) => Number.isInteger(d) && d >= 0 && d < 7)
    && typeof item.tz === 'string' && (!item.end || TIME.test(item.end));
}

/** The saved listings, oldest first; null when this browser keeps nothing for the site (storage off). */
export function readSaved() {
  let text;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return null;
  }
  try {
    const list = JSON.parse(text || '[]');
    return Array.isArray(list) ? list.filter(valid) : [];
  } catch {
    return []; // unreadable: as if nothing were saved
  }
}

/** Keeps `list`; false when the browser refused (storage off or full). */
export function writeSaved(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

/** Do `a` and `b` name the same listing? */
export const same = (a, b) => a.kind === b.kind && a.slug === b.slug;

/** The listing's page, under `root` (the site's root in the page's language, ending in "/"). */
export const pageOf = (item, root) => `${root}${FOLDERS[item.kind]}/${item.slug}/`;

/** Calls `changed()` when another tab saves or removes something. */
export const watchSaved = (changed) => addEventListener('storage', (event) => {
  if (event.key === KEY || event.key === null) changed();
});
