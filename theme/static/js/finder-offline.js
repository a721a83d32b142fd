// The finder offline: offline.js (a file of its own), loaded without a connection or once the first
// results are in (never before them), says what the list shows offline and from when, and the first
// time keeps the site on this device.

/** tell(params, place, count, missing) — `place`: "me", the place's name or ""; `count()`: the rows
 *  listed, asked for once offline.js is in; `missing`: the listings could not load. Online, only the
 *  first call does anything (it keeps the site); offline, every call says what is shown. `kept`: a
 *  first call was made. */
export function offlineNotice(note, shards) {
  let kept = false;
  function tell(params, place, count, missing = false) {
    if (navigator.onLine && kept) return;
    const first = !kept;
    kept = true;
    const data = new URL('.', new URL(shards, document.baseURI)).href;
    import('./offline.js').then((module) => {
      if (first) module.keepOffline();
      return module.tellOffline(note, { kind: params.get('kind') || 'meeting', place, missing,
        count: count(), query: params.get('q') || '', data: module.dataFetched(data) });
    }).catch(() => {});
  }
  return { get kept() { return kept; }, tell };
}
