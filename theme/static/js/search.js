// Full-text search with lunr, loaded on the first search. Only idx.query(): idx.search() throws on ":", "^", "~"…

import { getJSON, loadScript } from './load.js';
import { words } from './filter.js';

let loading = null;
let accented = null; // [term without accents, term]
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '');


function index(config) {
  loading ||= Promise.all([loadScript(config.lunr), getJSON(config.index)])
    .then(([, data]) => window.lunr.Index.load(data))
    .catch((error) => { loading = null; throw error; });
  return loading;
}

/** {slug → score} of the listings matching every word; null when there is no word to look for. */
export async function search(config, text) {
  if (!words(text).length) return null;
  const idx = await index(config);
  const lunr = window.lunr;
  const kept = words(text).filter((word) => lunr.stopWordFilter(new lunr.Token(word, {})));
  if (!kept.length) return null;
  let scores = null;
  for (const word of new Set(kept)) {
    // One query per word (results intersected: every word must match). A word matches its stem, or
    // terms starting with it or its stem; lunr.py stems a final y to i more often than lunr.js
    // ("sunday" → "sundai"), so both endings are tried; accents are optional both ways.
    const stem = lunr.stemmer(new lunr.Token(word, {})).toString();
    const forms = new Set([word, stem, stem.replace(/y$/, 'i'), stem.replace(/i$/, 'y'), fold(word)]);
    accented ||= Object.keys(idx.invertedIndex).filter((term) => fold(term) !== term).map((term) => [fold(term), term]);
    const found = idx.query((query) => {
      query.term(word, { usePipeline: true, boost: 10 });
      // (lunr changes the options object it gets: each clause needs its own.)
      for (const form of forms) query.term(form, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      for (const [plain, term] of accented) {
        if (plain.startsWith(fold(word))) query.term(term, { usePipeline: false });
      }
    });
    const next = new Map();
    for (const { ref, score } of found) {
      if (!scores || scores.has(ref)) next.set(ref, (scores ? scores.get(ref) : 0) + score);
    }
    scores = next;
    if (!scores.size) break;
  }
  return scores;
}
