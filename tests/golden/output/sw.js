// The site without a connection, once visited (written by the build: plugins/pillar/offline.py).
// - Installed: keeps the shell (SHELL: the finder, My meetings, the stylesheet, the scripts, the list of
//   data shards and the gazetteer) in a cache named after this build's version.
// - Every page, data file and calendar of the site the visitor opens is asked of the network first, so
//   an update arrives whenever there is a connection, and kept; with no connection the kept copy is used.
//   A page never kept falls back to the visitor's My meetings page, which says so.
// - Installed, it also copies into its cache the pages and calendars the visitor had opened with older
//   versions (better than nothing offline, and replaced at the next visit online). This is done before
//   it takes over, while the old version still answers: pages wait for a worker that is activating.
// - Activated: copies what the old version kept since (usually nothing), and deletes the caches of
//   other versions.
// Only this site's own files are looked after: nothing is sent anywhere, no other host is asked.
const VERSION = "e7bac100760dd75baa171dfabacf6ac6";
const SHELL = ["", "saved/", "theme/css/pillar.css", "theme/js/listing.js", "theme/js/clock.js", "theme/js/geo.js", "theme/js/i18n.js", "theme/js/save.js", "theme/js/mine.js", "theme/js/saved.js", "theme/js/offline.js", "theme/js/lang.js", "theme/js/search.js", "theme/js/load.js", "theme/js/filter.js", "theme/js/listing-map.js", "theme/js/places.js", "theme/js/map.js", "search/shards.json", "search/shards/all.json", "search/places.json"]; // paths under the site's root
const root = new URL(self.registration.scope);
// Several sites may share a host (github.io): each deletes only its own old caches.
const PREFIX = `pillar ${root.pathname} `;
const CACHE = PREFIX + VERSION;
const SAVED = 'X-Pillar-Saved'; // when the kept copy was fetched (ISO 8601), for the offline notice
const PAGES = ['', 'saved/'];
const ANY = { ignoreVary: true }; // a kept copy answers whatever encoding the host sent it in

const ours = (url) => url.origin === root.origin && url.pathname.startsWith(root.pathname);
const path = (url) => url.pathname.slice(root.pathname.length);
const shellUrls = SHELL.map((item) => new URL(item, root).href);

/** A copy of `response` that says when it was kept. */
async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

const keepable = (response) => response && response.ok && response.type === 'basic' && !response.redirected;

async function keep(cache, key, response) {
  if (keepable(response)) await cache.put(key, await stamped(response));
}

/** A page is kept under its address without the query: "/?near=Austin" is the finder, "/". */
function pageKey(url) {
  const bare = new URL(url);
  bare.search = '';
  bare.hash = '';
  return bare.href;
}

/** This site's caches of other versions. */
async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

/** The pages and calendars kept by older versions and not in `cache` yet, copied into it (the shell
 *  is new already). Safe to repeat, and quick when there is nothing new to copy. */
async function carryOver(cache) {
  const have = new Set((await cache.keys()).map((request) => request.url));
  for (const name of await olderCaches()) {
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const url = new URL(request.url);
      const page = url.pathname.endsWith('/') || url.pathname.endsWith('.html') || url.pathname.endsWith('.ics');
      if (page && !shellUrls.includes(url.href) && !have.has(request.url)) {
        const kept = await old.match(request, ANY);
        if (kept) await cache.put(request, kept);
        have.add(request.url);
      }
    }
  }
}

/** :func:`carryOver`, never failing: a full or failing storage must not hold the new version back
 *  (those pages come back when opened online). */
async function carryOverIfPossible() {
  try {
    await carryOver(await caches.open(CACHE));
  } catch {
    // as said
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(shellUrls.map(async (url) => {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!keepable(response)) throw new Error(`${url}: ${response.status}`);
      await keep(cache, url, response);
    }));
    await carryOverIfPossible();
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await carryOverIfPossible(); // only what the old version kept since this one was installed
    for (const name of await olderCaches()) await caches.delete(name);
    // Pages are asked of the network while the worker starts, not after.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

/** The network's answer (kept meanwhile); else the kept copy; else, for a page, `fallback`. */
async function networkFirst(event, key, fallback) {
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    if (keepable(response)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => keep(cache, key, copy)));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(key, ANY);
    if (kept) return kept;
    const other = fallback && (await caches.match(fallback, ANY));
    if (other) return other;
    throw error;
  }
}

/** The My meetings page in the language of `url`'s path ("/es/…" → "/es/saved/"). */
function savedPage(url) {
  const first = path(url).split('/')[0];
  const prefix = SHELL.includes(`${first}/`) && PAGES.every((page) => `${first}/` !== page) ? `${first}/` : '';
  return new URL(`${prefix}saved/`, root).href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !ours(url) || request.headers.has('range')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event, pageKey(url), savedPage(url)));
  } else {
    event.respondWith(networkFirst(event, request.url, null));
  }
});

// A page asks a new worker waiting to take over to do so now: it asked once installed, but browsers
// may miss that moment while the old worker is busy, and then wait until every tab is closed.
self.addEventListener('message', (event) => {
  if (event.data && event.data.takeOver) event.waitUntil(self.skipWaiting());
});

// A page asks, once the worker is there, to keep what it has already loaded without it (the first
// visit): its own address and the files it fetched. Only this site's files are fetched.
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const text of urls.slice(0, 200)) {
      let url;
      try {
        url = new URL(String(text), root);
      } catch {
        continue;
      }
      const key = url.pathname.endsWith('/') ? pageKey(url) : url.href;
      if (!ours(url) || (await cache.match(key, ANY))) continue;
      try {
        await keep(cache, key, await fetch(key));
      } catch {
        // not reachable now: kept the next time it is opened
      }
    }
  })());
});