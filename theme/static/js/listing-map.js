// "Show on map" on a listing page: a small map with one pin for the listing. Leaflet comes from the
// site's own /vendor/ folder, and the tile server (MAP_TILES) is asked for pictures only after the
// visitor presses the button. Every URL comes from the panel's data-* (see map_panel in _macros.html).

import { loadCss, loadScript } from './load.js';
import { hostOf } from './geo.js';
import { t } from './i18n.js';

const maps = new WeakMap(); // panel → its Leaflet map, once drawn

// Leaflet shows attribution as HTML; the setting is plain text, so it is escaped.
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Shows `text` under the button (or nothing, when it is empty). */
function say(panel, text) {
  const line = panel.querySelector('.map-error');
  line.textContent = text;
  line.hidden = !text;
}

async function draw(panel, box) {
  const data = panel.dataset;
  await loadCss(data.leafletCss);
  await loadScript(data.leaflet);
  const L = window.L;
  const where = [Number(data.latitude), Number(data.longitude)];
  const map = L.map(box, { scrollWheelZoom: false }).setView(where, Number(data.zoom) || 16);
  const tiles = L.tileLayer(data.tiles, { attribution: escapeHtml(data.attribution), maxZoom: 19,
    referrerPolicy: 'no-referrer' });
  let told = false;
  tiles.on('tileerror', () => {
    if (told) return;
    told = true;
    say(panel, t('The map pictures could not be loaded from %(host)s, so the map may be blank.',
      { host: hostOf(data.tiles.replace('{s}.', '')) }));
  });
  tiles.addTo(map);
  L.marker(where, { title: data.name, alt: data.name, keyboard: false }).addTo(map);
  maps.set(panel, map);
}

/** Opens the panel's map (drawing it the first time) or closes it. */
export async function toggleMap(panel) {
  const button = panel.querySelector('button');
  const box = panel.querySelector('.listing-map-box');
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? t('Hide map') : t('Show on map');
  box.hidden = !open;
  if (!open) return;
  if (maps.has(panel)) {
    maps.get(panel).invalidateSize();
    return;
  }
  try {
    say(panel, '');
    await draw(panel, box);
  } catch {
    box.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.textContent = t('Show on map');
    say(panel, t('The map could not be loaded. Check your connection and try again.'));
  }
}
