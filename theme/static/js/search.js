// Full-text search with lunr, loaded on the first search, over the indexes of the shards the finder has
// loaded (each index fetched once). Only idx.query(): idx.search() throws on ":", "^", "~"…

import { getJSON, loadScript } from './load.js';
import { words } from './filter.js';

const indexes = new Map(); // address → Promise of a lunr.Index
const accents = new WeakMap(); // index → [[term without accents, term]]
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '');

function index(url) {
  if (!indexes.has(url)) {
    indexes.set(url, getJSON(url).then((data) => window.lunr.Index.load(data))
      .catch((error) => { indexes.delete(url); throw error; }));
  }
  return indexes.get(url);
}

function accented(idx) {
  if (!accents.has(idx)) {
    accents.set(idx, Object.keys(idx.invertedIndex).filter((term) => fold(term) !== term).map((term) => [fold(term), term]));
  }
  return accents.get(idx);
}

/** {slug → score} in one index of the listings matching every word. */
function lookUp(idx, kept) {
  const lunr = window.lunr;
  let scores = null;
  for (const word of new Set(kept)) {
    // One query per word (results intersected: every word must match). A word matches its stem, or
    // terms starting with it or its stem; lunr.py stems a final y to i more often than lunr.js
    // ("sunday" → "sundai"), so both endings are tried; accents are optional both ways.
    const stem = lunr.stemmer(new lunr.Token(word, {})).toString();
    const forms = new Set([word, stem, stem.replace(/y$/, 'i'), stem.replace(/i$/, 'y'), fold(word)]);
    const found = idx.query((query) => {
      query.term(word, { usePipeline: true, boost: 10 });
      // (lunr changes the options object it gets: each clause needs its own.)
      for (const form of forms) query.term(form, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      for (const [plain, term] of accented(idx)) {
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

/** {slug → score} of the listings in the indexes at `urls` matching every word of `text`;
 *  null when there is no word to look for. */
export async function search(config, text, urls) {
  if (!words(text).length) return null;
  await loadScript(config.lunr);
  const all = await Promise.all(urls.map(index));
  const lunr = window.lunr;
  const kept = words(text).filter((word) => lunr.stopWordFilter(new lunr.Token(word, {})));
  if (!kept.length) return null;
  const scores = new Map();
  for (const idx of all) {
    for (const [slug, score] of lookUp(idx, kept)) scores.set(slug, Math.max(score, scores.get(slug) ?? 0));
  }
  return scores;
}
