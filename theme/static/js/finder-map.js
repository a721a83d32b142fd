// The finder's map panel: the Show map / Hide map button, the note saying where the map's pictures
// come from, and the results on screen drawn on the map (map.js, loaded the first time it is drawn).

import { t } from './i18n.js';
import { hostOf } from './geo.js';
import { isLocated } from './filter.js';

/** The panel, closed and hidden until show(). draw(current) draws, while the panel is open, what
 *  current() gives once map.js is in: {rows, shown, point, records} (records: the listings loaded). */
export function mapPanel(toggle, mapEl, mapNote, config) {
  let open = false;
  const host = hostOf(config.tiles.replace('{s}.', ''));
  const failed = (message) => { mapNote.textContent = message; mapNote.hidden = false; };

  function set(value) {
    open = value;
    toggle.setAttribute('aria-expanded', String(value));
    toggle.textContent = value ? t('Hide map') : t('Show map');
    mapEl.hidden = !value;
  }

  async function draw(current) {
    try {
      const { showMap } = await import('./map.js');
      const located = (listings) => listings.filter(isLocated);
      const tilesFailed = () => failed(t('The map’s pictures could not load. Every result is in the list below.'));
      if (open) {
        const { rows, shown, point, records } = current();
        // Framed on the results on screen near the place (or, with none near, the nearest five).
        const onScreen = rows.slice(0, shown).filter((r) => isLocated(r.l));
        const near = onScreen.filter((r) => !r.far);
        const framed = near.length ? near : [...onScreen].sort((a, b) => a.distance - b.distance).slice(0, 5);
        await showMap(mapEl, config, { shown: framed.map((r) => r.l),
          all: located(rows.map((r) => r.l)), fallback: located(records), point, tilesFailed });
      }
    } catch {
      failed(t('The map could not load. Every result is in the list below.'));
    }
  }

  /** The button, and the note on the pictures' source when the tiles come from another site. */
  function show() {
    mapNote.textContent = t('The map shows pictures from %(host)s, which can see the area you look at.', { host });
    toggle.hidden = false;
    mapNote.hidden = !host;
  }

  return { get open() { return open; }, set, draw, show };
}
