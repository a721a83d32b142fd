// The finder's listings, in shards fetched only when needed (search/shards.json lists them; see
// plugins/pillar/shards.py). A small directory is one shard, loaded at start. A big one has geo shards,
// each with the box its listings lie in, loaded nearest first around a point; and shards of listings
// with no place, one kind each, loaded when the visitor asks for that kind. Every file is fetched at most
// once, by name: the position itself never leaves the page.

import { getJSON } from './load.js';
import { distanceKm } from './geo.js';
import { isLocated } from './filter.js';

/** At most this many shards are fetched for one question, so a rare filter cannot fetch the world. */
export const CAP = 48;
const BATCH = 8; // shards fetched at once
const SLACK = 1e-6; // km: rounding in a lower bound never hides a listing

const rad = (deg) => (deg * Math.PI) / 180;
/** A longitude difference in degrees, wrapped into [-180, 180). */
const wrap = (deg) => ((((deg + 180) % 360) + 360) % 360) - 180;

/** The shortest distance in km from `point` to the meridian `lon` between latitudes south…north. */
function toMeridian(point, lon, south, north) {
  const dLon = rad(wrap(point.lon - lon));
  if (Math.abs(dLon) < Math.PI / 2) {
    // Along a meridian the distance has one minimum, where tan(lat) = tan(point's lat) / cos(dLon).
    const best = (Math.atan2(Math.sin(rad(point.lat)), Math.cos(rad(point.lat)) * Math.cos(dLon)) * 180) / Math.PI;
    return distanceKm(point, { lat: Math.min(north, Math.max(south, best)), lon });
  }
  // A quarter of the world away or more: the nearest point is one of the ends.
  return Math.min(distanceKm(point, { lat: south, lon }), distanceKm(point, { lat: north, lon }));
}

/** A lower bound of the great-circle distance in km from `point` to box [south, west, north, east]
 *  (west ≤ east: boxes never cross the antimeridian). 0 inside. */
export function lowerBoundKm(point, [south, west, north, east]) {
  const at = { lat: point.lat, lon: wrap(point.lon) };
  if (at.lon >= west && at.lon <= east) {
    if (at.lat < south) return distanceKm(at, { lat: south, lon: at.lon });
    return at.lat > north ? distanceKm(at, { lat: north, lon: at.lon }) : 0;
  }
  // Outside the box's longitudes, each latitude's nearest point is on the nearer side: one of the two edges.
  return Math.min(toMeridian(at, west, south, north), toMeridian(at, east, south, north));
}

/** The shards behind `manifestUrl`. `adopt(record)` is called once on each listing as it arrives;
 *  `asked()` each time a shard's file is asked for (the page then only waits for the network). */
export function openShards(manifestUrl, adopt = (record) => record, asked = () => {}) {
  const base = new URL(manifestUrl, document.baseURI);
  const address = (name, ending) => new URL(`shards/${encodeURIComponent(name)}${ending}`, base).href;
  let entries = []; // the manifest's shards, in its order
  const fetching = new Map(); // name → Promise of its listings
  const loaded = new Map(); // name → its listings, once they are in

  function load(entry) {
    if (!fetching.has(entry.name)) {
      fetching.set(entry.name, getJSON(address(entry.name, '.json')).then((data) => {
        const listings = (data.listings || []).map(adopt);
        loaded.set(entry.name, listings);
        return listings;
      }).catch((error) => {
        fetching.delete(entry.name); // may be tried again
        throw error;
      }));
      asked();
    }
    return fetching.get(entry.name);
  }

  /** Loaded listings of the shards `which(entry)` keeps, in manifest then file order, each once. */
  function records(which = () => true) {
    const seen = new Set();
    const found = [];
    for (const entry of entries) {
      if (!loaded.has(entry.name) || !which(entry)) continue;
      for (const l of loaded.get(entry.name)) {
        if (!seen.has(l.slug)) found.push(l);
        seen.add(l.slug);
      }
    }
    return found;
  }

  /** Loads geo shards nearest `point` first until the `count` nearest located listings passing
   *  `matches` are known for sure, and every shard that may hold one within `radius` km (when given).
   *  Resolves to {reach: km within which every listing is loaded (Infinity: all), capped}. */
  async function around(point, { count = 0, matches = () => true, radius = null } = {}) {
    const geo = entries.filter((entry) => entry.box)
      .map((entry) => ({ entry, bound: lowerBoundKm(point, entry.box) }))
      .sort((a, b) => a.bound - b.bound || a.entry.order - b.entry.order);
    const distances = [];
    const measure = (listings) => {
      for (const l of listings) if (isLocated(l) && matches(l)) distances.push(distanceKm(point, l));
    };
    measure(records((entry) => entry.box));
    let fetched = 0;
    let capped = false;
    for (;;) {
      const left = geo.filter(({ entry }) => !loaded.has(entry.name));
      let wanted;
      if (radius !== null) {
        wanted = left.filter(({ bound }) => bound - SLACK <= radius);
      } else {
        distances.sort((a, b) => a - b);
        const known = count > 0 && distances.length >= count ? distances[count - 1] : count > 0 ? Infinity : -Infinity;
        wanted = left.filter(({ bound }) => bound - SLACK < known);
        if (known === Infinity) { // too few yet: the shards that could hold the rest, if every listing matched
          let short = count - distances.length;
          const end = wanted.findIndex(({ entry }) => (short -= entry.count) <= 0);
          if (end >= 0) wanted = wanted.slice(0, end + 1);
        }
      }
      if (!wanted.length) break;
      if (fetched >= CAP) {
        capped = true;
        break;
      }
      const batch = wanted.slice(0, Math.min(BATCH, CAP - fetched));
      fetched += batch.length;
      (await Promise.all(batch.map(({ entry }) => load(entry)))).forEach(measure);
    }
    const next = geo.find(({ entry }) => !loaded.has(entry.name));
    return { reach: next ? next.bound : Infinity, capped };
  }

  return {
    /** Reads the manifest; a directory in one shard is loaded at once. */
    async start() {
      const manifest = await getJSON(base.href);
      entries = (manifest.shards || []).map((entry, order) => ({ ...entry, order }));
      if (entries.length === 1) await load(entries[0]);
    },
    get single() {
      return entries.length <= 1;
    },
    records,
    around,
    /** Are there in-person meetings with no map location yet, in the shards of listings with no place? */
    get unlocatedMeetings() {
      return entries.some((entry) => !entry.box && entry.kind === 'meeting' && entry.in_person > 0);
    },
    /** Loads every shard of listings with no place of this kind ("meeting", "service", "online"). */
    async unplaced(kind) {
      await Promise.all(entries.filter((entry) => !entry.box && entry.kind === kind).map(load));
    },
    /** The lunr indexes of the loaded shards `which(entry)` keeps. */
    indexes(which = () => true) {
      return entries.filter((entry) => loaded.has(entry.name) && which(entry))
        .map((entry) => address(entry.name, '.index.json'));
    },
  };
}
