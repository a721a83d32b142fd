// The gazetteer (search/places.json) and places.js, which matches typed places against it: fetched
// together, after the first view's listings, and only when a typed place needs them or the visitor
// goes to the place box — on a slow link they would otherwise share the bandwidth with the listings
// near the visitor.

import { getJSON } from './load.js';

/** load() → a promise of the places (fetched once; tried again after a failure), which also fills the
 *  place box's suggestions (`datalist`); suggestions(text, count) → labels of the places most like
 *  `text`, none before the gazetteer is in. `ready`: the promise of the first view's listings. */
export function openGazetteer(url, ready, datalist) {
  let places = [];
  let matcher = null; // places.js, once a typed place has needed it
  let fetching = null;
  const load = () => {
    const loading = () => Promise.all([getJSON(url), import('./places.js')]);
    fetching ||= ready.then(loading).then(([data, module]) => {
      places = data.places || [];
      matcher = module;
      matcher.fillSuggestions(datalist, places);
      return places;
    }).catch((error) => {
      fetching = null; // may be tried again
      throw error;
    });
    return fetching;
  };
  const suggestions = (text, count) => (matcher
    ? matcher.suggestPlaces(places, text, count).map((place) => matcher.placeLabel(place)) : []);
  return { load, suggestions };
}
