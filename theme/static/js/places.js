// "Near": the visitor's position, a place from places.json, typed coordinates, or (if set up, on Enter) a geocoder.

import { t } from './i18n.js';
import { hostOf, locate, parseLatLon } from './geo.js';

/** Lower case, no accents, only letters and digits: "São Paulo, SP" → "saopaulosp". */
const squash = (text) => String(text || '').normalize('NFD').replace(/\p{M}/gu, '')
  .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const label = (place) => (place.within ? `${place.name}, ${place.within}` : place.name);

/** The place a visitor means: an exact name first, then a name that starts with what was typed;
 *  between equals, the place with more listings. */
export function findPlace(places, text) {
  const wanted = squash(text);
  let best = null;
  let bestRank = 2;
  for (const place of wanted ? places : []) {
    const names = [squash(place.name), squash(label(place))];
    const rank = names.includes(wanted) ? 0 : names.some((name) => name.startsWith(wanted)) ? 1 : 2;
    if (rank < bestRank || (rank === bestRank && best && place.listings > best.listings)) {
      best = place;
      bestRank = rank;
    }
  }
  return bestRank < 2 ? best : null;
}

/** Fills a <datalist> with the places' names, those with the most listings first. */
export function fillSuggestions(datalist, places) {
  const labels = new Set([...places].sort((a, b) => b.listings - a.listings).map(label));
  datalist.append(...[...labels].map((text) => new Option(text)));
}

/** One Nominatim-style lookup: GET {url}?q=…&format=json&limit=1. Only the typed text is sent. */
async function geocode(url, text) {
  const address = new URL(url, document.baseURI);
  for (const [name, value] of Object.entries({ q: text, format: 'json', limit: 1 })) address.searchParams.set(name, value);
  const response = await fetch(address, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  const [hit] = response.ok ? await response.json() : [];
  const { display_name: name = text, lat, lon } = hit || {};
  const point = { name: String(name), lat: Number(lat), lon: Number(lon) };
  return Number.isFinite(point.lat) && Number.isFinite(point.lon) ? point : null;
}

/** point(text, geocodeOk) → {lat, lon} or null, and says which place (or why none); locate() asks again. */
export function nearFinder(places, geocoder, say) {
  const host = hostOf(geocoder);
  const geocoded = new Map();
  let position = null;
  const ask = async () => {
    say(t('Finding your location…'));
    position = await locate();
    return position;
  };
  async function point(text, geocodeOk) {
    if (!text) { say(''); return null; }
    if (text === 'me') {
      try { await (position || ask()); } catch (error) { say(error.message); return null; }
      say(t('Near you. Your location stays on this device.'));
      return position;
    }
    const typed = parseLatLon(text);
    const place = typed || findPlace(places, text) || geocoded.get(text);
    if (place) {
      say(place.kind === 'postal_code' ? t('Near postal code %(place)s', { place: place.name })
        : t('Near %(place)s', { place: typed ? [typed.lat, typed.lon].join(', ') : label(place) }));
      return place;
    }
    if (host && geocodeOk) {
      say(t('Looking up “%(place)s” with %(host)s…', { place: text, host }));
      const found = await geocode(geocoder, text).catch(() => null);
      if (found) {
        geocoded.set(text, found);
        say(t('Near %(place)s', { place: found.name }));
        return found;
      }
    }
    const unknown = t('No place called “%(place)s” in this directory.', { place: text });
    const hint = host && !geocodeOk ? t('Press Enter to look it up with %(host)s.', { host })
      : t('Try a nearby city or a postal code.');
    say(`${unknown} ${hint}`);
    return null;
  }
  return { point, locate: ask, host };
}
