// The map, loaded when first opened: Leaflet and markercluster from the site, tiles from the tile server.

import { loadCss, loadScript } from './load.js';
import { t } from './i18n.js';

let ready = null;
let map = null;
let group = null;
let here = null; // the place distances are measured from
let onTileError = () => {};
const markers = new Map();

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function load(el, config) {
  await Promise.all([config.leafletCss, ...config.clusterCss].map(loadCss));
  await loadScript(config.leaflet);
  await loadScript(config.markercluster);
  const L = window.L;
  map = L.map(el, { scrollWheelZoom: false });
  const tiles = L.tileLayer(config.tiles, {
    // Leaflet shows attribution as HTML; the setting is plain text, so it is escaped.
    attribution: escapeHtml(config.attribution),
    maxZoom: 19,
    referrerPolicy: 'no-referrer',
  }).addTo(map);
  tiles.on('tileerror', () => onTileError());
  group = L.markerClusterGroup({
    showCoverageOnHover: false,
    chunkedLoading: true,
    iconCreateFunction(cluster) {
      const count = cluster.getChildCount();
      const html = document.createElement('div');
      const number = document.createElement('span');
      const hidden = document.createElement('span');
      html.dataset.count = count;
      hidden.className = 'visually-hidden';
      hidden.append(' ', t('listings here: zoom in to see them'));
      number.append(count, hidden);
      html.append(number);
      const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
      return L.divIcon({ html, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
    },
  });
  map.addLayer(group);
}

function marker(l) {
  let m = markers.get(l.slug);
  if (!m) {
    const L = window.L;
    m = L.marker([l.lat, l.lon], { title: l.name, alt: l.name });
    const link = document.createElement('a');
    link.href = l.url;
    link.textContent = l.name;
    m.bindPopup(link);
    markers.set(l.slug, m);
  }
  return m;
}

/** Shows the located results: pins for `all`, framed on the ones on screen (`shown`) and the place
 *  `point` they are measured from (none shown: `all`, then `fallback`). `tilesFailed()` is called when
 *  the tile server does not answer, so the page can say so. Loads the map first if need be. */
export async function showMap(el, config, { shown, all, fallback, point = null, tilesFailed = () => {} }) {
  ready ||= load(el, config).catch((error) => { ready = null; throw error; });
  await ready;
  onTileError = tilesFailed;
  const L = window.L;
  map.invalidateSize();
  group.clearLayers();
  group.addLayers(all.map(marker));
  if (here) here.remove();
  here = point ? L.circleMarker([point.lat, point.lon], { radius: 8, weight: 3, color: '#c2410c', fillOpacity: 0.5,
    interactive: false }).addTo(map) : null;
  const framed = shown.length ? shown : all.length ? all : fallback;
  const points = framed.map((l) => [l.lat, l.lon]);
  if (point && points.length) points.push([point.lat, point.lon]);
  if (points.length) map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 15 });
  else map.setView([20, 0], 2);
}
