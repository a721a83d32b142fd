// "Near": the visitor's position, a place from places.json (matched by places.js, loaded when a place is
// typed), typed coordinates, or (if set up, on Enter) a geocoder.

import { t } from './i18n.js';
import { hostOf, locate, parseLatLon } from './geo.js';

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

/** point(text, geocodeOk) → {lat, lon} or null, and says which place (or why none); locate() asks again.
 *  `places`: the gazetteer, or a function giving a promise of it, called when a typed place needs it
 *  (the visitor's own position never waits for it). */
export function nearFinder(places, geocoder, say) {
  const known = () => Promise.all([Promise.resolve(typeof places === 'function' ? places() : places).catch(() => []),
    import('./places.js')]);
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
    let label = typed && [typed.lat, typed.lon].join(', ');
    let place = typed || geocoded.get(text);
    if (!place) {
      const [gazetteer, { findPlace, placeLabel }] = await known();
      place = findPlace(gazetteer, text);
      label = place && placeLabel(place);
    }
    if (place) {
      say(place.kind === 'postal_code' ? t('Near postal code %(place)s', { place: place.name })
        : t('Near %(place)s', { place: label || place.name }));
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
