// Places from places.json, read as people write them ("austin tx", "Austin, Texas", "aus", "78701"): a
// place's `aka`, from the gazetteer, holds its short names ("TX"); a text that names none gets
// suggestions instead. Loaded only once a place is typed (the finder's first view does without it).

const bare = (text) => String(text ?? '').slice(0, 200).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
/** Lower case, no accents, only letters and digits: "São Paulo, SP" → "saopaulosp". */
const squash = (text) => bare(text).replace(/[^\p{L}\p{N}]+/gu, '');
/** The words typed, squashed: "Austin, TX" → ["austin", "tx"]. */
const words = (text) => bare(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** How a place is shown to people: "Austin, Texas". */
export const placeLabel = (place) => (place.within ? `${place.name}, ${place.within}` : place.name);

const squashed = new WeakMap();
/** A place's names, squashed: its own and its short ones from the gazetteer ("texas", "tx"). */
function forms(place) {
  if (!squashed.has(place)) squashed.set(place, [place.name, ...(place.aka || [])].map(squash).filter(Boolean));
  return squashed.get(place);
}

const known = new WeakMap();

/** What is known of `places` as a whole: chainOf(place) → the names of each place it is within,
 *  nearest first, then the country of a state at the top ([["texas", "tx"], ["unitedstates", "usa", …]]);
 *  parts(place) → how many places are directly in it. */
function about(places) {
  if (!known.has(places)) {
    const byLabel = new Map();
    const inside = new Map();
    for (const place of places) {
      if (place.kind === 'postal_code') continue;
      if (!byLabel.has(placeLabel(place))) byLabel.set(placeLabel(place), place);
      if (place.within) inside.set(place.within, (inside.get(place.within) || 0) + 1);
    }
    const found = new Map();
    known.set(places, {
      chainOf(place) {
        if (!found.has(place)) {
          const parts = place.within ? place.within.split(', ') : [];
          const chain = parts.map((name, i) => {
            const parent = byLabel.get(parts.slice(i).join(', '));
            return parent ? forms(parent) : [squash(name)].filter(Boolean);
          });
          const top = parts.length ? byLabel.get(parts.at(-1)) : place; // its country, if a state
          if (top && top.country) chain.push(top.country.map(squash).filter(Boolean));
          found.set(place, chain);
        }
        return found.get(place);
      },
      parts: (place) => (place.kind === 'postal_code' ? 0 : inside.get(placeLabel(place)) || 0),
    });
  }
  return known.get(places);
}

/** Whether `rest` names places of `chain` in order (any may be left out); the last may be cut short. */
function namesWithin(rest, chain) {
  if (!rest) return true;
  return chain.some((names, i) => names.some((name) => name.startsWith(rest)
    || (rest.startsWith(name) && namesWithin(rest.slice(name.length), chain.slice(i + 1)))));
}

/** 0: the text is the place's name, maybe followed by what it is in ("austin tx"); 1: the text starts
 *  the name ("aus"); 2: its first words start the name, the rest say what it is in ("aus tx"), or
 *  a postal code is among the words (an address); 3: none. */
function rank(place, typed, chain) {
  const names = forms(place);
  for (const name of names) {
    const rest = typed.all.startsWith(name) ? typed.all.slice(name.length) : null;
    if (rest === null) continue;
    // A name may be followed by the place's own short name: "New York, NY" (the city has the state's).
    if (namesWithin(rest, [names, ...chain]) || (place.kind === 'postal_code' && /^\d{4}$/.test(rest))) return 0;
  }
  let found = 3;
  let head = '';
  for (const word of typed.list) {
    head += word;
    if (!names.some((name) => name.startsWith(head))) break;
    const rest = typed.all.slice(head.length);
    if (namesWithin(rest, chain)) found = rest ? 2 : 1;
  }
  if (found === 3 && place.kind === 'postal_code') { // in an address: "1 Main St, Austin, TX 78701"
    const { list } = typed;
    if (list.some((word, i) => word === names[0] || word + (list[i + 1] || '') === names[0])) found = 2;
  }
  return found;
}

/** The place a visitor means — "austin tx", "Austin, Texas", "aus", "78701", "Portland, OR", an address
 *  with a known postal code — or null.
 *  A whole name comes before a name cut short; between equals, the place with more listings. */
export function findPlace(places, text) {
  const typed = { all: squash(text), list: words(text) };
  const { chainOf } = about(places);
  let best = null;
  let bestRank = 3;
  for (const place of typed.all ? places : []) {
    const found = rank(place, typed, chainOf(place));
    if (found < bestRank || (found === bestRank && best && place.listings > best.listings)) {
      best = place;
      bestRank = found;
    }
  }
  return bestRank < 3 ? best : null;
}

/** Edits from a to b (a swap of neighbours is one edit); anything above `most` is most + 1. */
function distance(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let before = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    [before, previous] = [previous, row];
  }
  return previous[b.length];
}

/** How many leading letters a and b share. */
const shared = (a, b) => {
  let count = 0;
  while (count < a.length && a[count] === b[count]) count += 1;
  return count;
};

/** The known places to offer for a text that named none, closest first, at most `limit`: names spelled
 *  nearly the same ("Austn"), then places in the area the text names ("Dallas, TX" → Texas), then the
 *  places with the most listings. Left out: a place that repeats another (same point, same listings),
 *  a place inside one already offered, and, after the close names, a top-level area of several places. */
export function suggestPlaces(places, text, limit = 5) {
  const list = words(text);
  const { chainOf, parts } = about(places);
  const byListings = [...places].sort((a, b) => b.listings - a.listings
    || (b.within ? b.within.split(', ').length : 0) - (a.within ? a.within.split(', ').length : 0));
  let head = list.join('');
  let area = null;
  for (let k = 1; k < list.length && !area; k += 1) {
    const tail = list.slice(k).join('');
    area = byListings.find((place) => place.kind !== 'postal_code' && forms(place)
      .some((name) => tail.startsWith(name) && namesWithin(tail.slice(name.length), chainOf(place)))) || null;
    if (area) head = list.slice(0, k).join('');
  }
  const digits = /^\d+$/.test(head);
  const scored = byListings.map((place) => {
    const postal = place.kind === 'postal_code';
    let score = Infinity; // 0…: how far the name is from the text; Infinity: not close
    for (const name of head && postal === digits ? forms(place) : []) {
      const most = Math.floor(name.length / 4);
      const edits = distance(head, name, most);
      const lead = shared(head, name);
      if (edits <= most) score = Math.min(score, (digits ? 0 : edits) - lead / 100);
      else if (lead >= (digits ? 3 : 4)) score = Math.min(score, 9 - lead / 100);
    }
    const inArea = area && place !== area && `, ${place.within}`.endsWith(`, ${placeLabel(area)}`);
    return { place, score, group: score < Infinity ? 0 : inArea ? 1 : postal ? 3 : 2 };
  }).filter(({ group }) => group < 3);
  scored.sort((a, b) => a.group - b.group || (a.group === 0 ? a.score - b.score : 0));
  const seen = new Set();
  const chosen = [];
  for (const { place, group } of scored) {
    if (chosen.length >= limit) break;
    const keys = [placeLabel(place), [place.lat, place.lon, place.listings].join()];
    if (keys.some((key) => seen.has(key))) continue;
    if ((group > 0 && !place.within && parts(place) > 1)
      || chosen.some((other) => `, ${place.within}`.endsWith(`, ${placeLabel(other)}`))) continue;
    keys.forEach((key) => seen.add(key));
    chosen.push(place);
  }
  return chosen;
}

/** Fills a <datalist> with the places' names, those with the most listings first. */
export function fillSuggestions(datalist, places) {
  const labels = new Set([...places].sort((a, b) => b.listings - a.listings).map(placeLabel));
  datalist.append(...[...labels].map((text) => new Option(text)));
}
