// Which rows the finder shows: first the shards the choices need (see shards.js), then the search
// words, the filters and the order (filter.js).

import { formatDistance, toKm, toUnits } from './geo.js';
import { isLocated, isOnline, matches, select } from './filter.js';
import { t } from './i18n.js';

/** What the list draws from. One shard: everything. Shards: those around the point (loaded until the
 *  nearest `count` listings are sure) and the listings with no place that the choices ask for. */
async function gather(store, config, params, at, count, now) {
  if (store.single) return { pool: store.records(), which: undefined, area: null };
  const kind = params.get('kind') || 'meeting';
  // Online communities; services with no address; online meetings only when asked for.
  const placeless = kind !== 'meeting' ? kind : params.get('attendance') === 'online' ? 'meeting' : '';
  const near = Boolean(at) && kind !== 'online'; // online communities have no place
  const radius = Number(params.get('radius')) || 0;
  const today = new Date(now).getDay();
  const [area] = await Promise.all([
    near && store.around(at, { count, radius: radius ? toKm(radius, config.units) : null,
      matches: (l) => matches(l, params, today) }),
    placeless && store.unplaced(placeless),
  ]);
  const which = (entry) => (entry.box ? near : entry.kind === placeless);
  return { pool: store.records(which), which, area: area || null };
}

/** The rows for `params` measured from `at` (at least `count` when there are so many), and, when the
 *  finder did not look everywhere, how far it looked. Rejects when a shard could not load. */
export async function choose(store, config, params, at, count) {
  const now = Date.now();
  const { pool, which, area } = await gather(store, config, params, at, count, now);
  let scores = null;
  if (params.get('q')) {
    try {
      scores = await (await import('./search.js')).search(config, params.get('q'), store.indexes(which));
    } catch {
      scores = new Map(); // search failed: nothing found, never a broken page
    }
  }
  let found = select(pool, params, { point: at, scores, now, units: config.units });
  const unplaced = found.unplaced;
  if (which && at && Number(params.get('radius')) && (params.get('kind') || 'meeting') === 'meeting'
      && store.unlocatedMeetings) { // in-person meetings with no map location yet: counted, never lost
    await store.unplaced('meeting');
    const waiting = store.records((entry) => !entry.box && entry.kind === 'meeting')
      .filter((l) => !isOnline(l) && !isLocated(l));
    unplaced.push(...select(waiting, params, { point: at, scores, now, units: config.units }).unplaced);
  }
  let reached = '';
  if (area && Number.isFinite(area.reach)) { // farther away, a nearer listing may not be loaded yet
    const reach = toUnits(area.reach, config.units);
    const radius = Number(params.get('radius')) || 0;
    found = found.filter((r) => r.distance === null || r.distance <= reach);
    found.unplaced = unplaced;
    if (!radius || reach < radius) {
      reached = t('Searched up to %(distance)s away.', { distance: formatDistance(reach, config.units) });
    }
  }
  return { found, at, now, reached };
}
