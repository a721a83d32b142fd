// Distances, units, and the visitor's own position (which never leaves the browser).

import { language, t } from './i18n.js';

const EARTH_KM = 6371.0088;
const KM_PER_MILE = 1.609344;
const rad = (deg) => (deg * Math.PI) / 180;
const numbers = new Map(); // language and digits → Intl.NumberFormat

/** Great-circle distance in km between two {lat, lon} points (haversine). */
export function distanceKm(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const toUnits = (km, units) => (units === 'mi' ? km / KM_PER_MILE : km);
export const toKm = (distance, units) => (units === 'mi' ? distance * KM_PER_MILE : distance);

/** "1.2 mi", "12 km"; "about …" when the listing's point is approximate. */
export function formatDistance(distance, units, approximate) {
  const digits = distance < 10 ? 1 : 0;
  const key = language() + digits;
  if (!numbers.has(key)) {
    numbers.set(key, new Intl.NumberFormat(language(), { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  const text = `${numbers.get(key).format(distance)} ${units}`;
  return approximate ? t('about %(distance)s', { distance: text }) : text;
}

/** "30.27,-97.74" (spaces allowed) → {lat, lon}, or null. */
export function parseLatLon(text) {
  const match = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text || '');
  if (!match) return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

/** "tile.example.org" from "https://tile.example.org/{z}/{x}/{y}.png"; "" when there is none. */
export function hostOf(address) {
  try {
    return address ? new URL(address.replace(/\{[^}]*\}/g, '0')).host : '';
  } catch {
    return '';
  }
}

const failure = (code) => new Error(code === 1
  ? t('Your browser did not share your location, so we cannot sort by distance. Type a city or postal code instead.')
  : code === 3 ? t('Finding your location took too long. Try again, or type a city or postal code.')
    : code ? t('Your device could not tell where you are. Try again, or type a city or postal code.')
      : t('This browser cannot share your location. Type a city or postal code instead.'));

/** Asks the browser for the visitor's position; rejects with a plain message to show. */
export function locate() {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(failure(0));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude }),
      (error) => reject(failure(error.code || 2)),
      { timeout: 10000, maximumAge: 300000 },
    );
  });
}
