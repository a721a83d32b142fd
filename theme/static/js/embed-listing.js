// Links inside an embedded finder. A listing the visitor picks opens in the frame's own layout: its
// page is fetched from this site and only its <article class="listing"> is shown, under a "Back to
// results" button, with a history entry so the browser's Back works too. With open=top a listing
// opens in the whole window instead. Other pages of this site and other sites open in a new tab, so
// the full site never loads inside the frame.
import { t } from './i18n.js';

const LISTING = /^([a-z]{2,3}(-[a-z0-9]+)?\/)?(meetings|services|online)\/[^/]+\/$/i;
const $ = (id) => document.getElementById(id);

export function showListings({ openTop, show }) {
  const finder = $('finder');
  if (!finder) return;
  const rootPath = new URL(finder.dataset.siteRoot || '/', location.href).pathname;
  const view = document.createElement('section');
  view.id = 'embed-listing';
  view.className = 'embed-listing';
  view.setAttribute('aria-label', t('Listing'));
  view.hidden = true;
  finder.before(view); // first in the page, so the listing's own script finds the listing's parts, not the rows'
  let seq = 0;
  let from = null; // {search, href} of the results the visitor left, to come back to
  let loaded = 0; // listing pages shown, so each one's own script runs once for it

  const isListing = (url) => url.origin === location.origin && url.pathname.startsWith(rootPath)
    && LISTING.test(url.pathname.slice(rootPath.length)) && !url.hash;

  function backButton() {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'embed-back';
    button.textContent = t('Back to results');
    button.addEventListener('click', () => {
      const depth = (history.state && history.state.pillarListing && history.state.depth) || 0;
      if (depth) history.go(-depth);
      else close(true);
    });
    const bar = document.createElement('p');
    bar.className = 'embed-back-bar';
    bar.append(button);
    return bar;
  }

  /** The listing's own page, to keep or share: the frame's address never changes. */
  function newTab(url) {
    const line = document.createElement('p');
    line.className = 'note embed-own-page';
    const link = document.createElement('a');
    link.href = url;
    link.target = '_blank';
    link.textContent = t('Open this listing in a new tab, to keep or share it');
    line.append(link);
    return line;
  }

  function failed(url) {
    const note = document.createElement('p');
    note.className = 'warning';
    note.textContent = t('This listing could not load. Check your connection, or open it in a new tab:') + ' ';
    const link = document.createElement('a');
    link.href = url;
    link.target = '_blank';
    link.textContent = t('open the listing');
    note.append(link);
    return note;
  }

  /** The listing page at `url`, its <article> made ready for the frame (or null). */
  async function fetchListing(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const article = page.querySelector('article.listing');
    if (!article) return null;
    for (const link of article.querySelectorAll('a[href]')) link.href = new URL(link.getAttribute('href'), url).href;
    const scripts = [...page.querySelectorAll('script[type="module"][src]')]
      .map((script) => new URL(script.getAttribute('src'), url)).filter((src) => src.pathname.endsWith('/listing.js'));
    return { article: document.adoptNode(article), scripts };
  }

  async function open(url, push) {
    const mine = ++seq;
    if (view.hidden) from = { search: location.search, href: url };
    const loading = document.createElement('p');
    loading.className = 'note';
    loading.setAttribute('role', 'status');
    loading.textContent = t('Loading…');
    view.replaceChildren(backButton(), loading);
    finder.hidden = true;
    view.hidden = false;
    if (push) {
      const depth = (history.state && history.state.pillarListing && history.state.depth) || 0;
      history.pushState({ pillarListing: url, depth: depth + 1 }, '', location.href);
    }
    view.querySelector('button').focus({ preventScroll: true });
    show(0);
    let found = null;
    try {
      found = await fetchListing(url);
    } catch {
      found = null;
    }
    if (mine !== seq) return; // the visitor moved on meanwhile
    if (!found) {
      view.replaceChildren(backButton(), failed(url));
      show(0);
      return;
    }
    view.replaceChildren(backButton(), found.article, newTab(url));
    loaded += 1;
    for (const src of found.scripts) import(`${src.href}?listing=${loaded}`).catch(() => {});
    const heading = found.article.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    show(0);
  }

  /** Back to the results, with focus on the row the visitor had picked. */
  function close(focusRow) {
    seq += 1;
    view.hidden = true;
    view.replaceChildren();
    finder.hidden = false;
    if (!focusRow || !from) return;
    const rows = [...finder.querySelectorAll('#finder-results a.result-name')];
    const row = rows.find((link) => link.href === from.href);
    if (row) {
      row.focus({ preventScroll: true });
      const box = row.getBoundingClientRect();
      show(box.top + scrollY - 16, box.bottom + scrollY + 16);
    } else {
      show(finder.getBoundingClientRect().top + scrollY);
    }
  }

  // Before the finder's own handler (capture listeners on the window run first): moving between a
  // listing and the results it was picked from is handled here, and the finder keeps its rows.
  addEventListener('popstate', (event) => {
    const state = event.state;
    if (state && state.pillarListing) {
      event.stopImmediatePropagation();
      open(state.pillarListing, false);
    } else if (!view.hidden) {
      const same = from && location.search === from.search;
      if (same) event.stopImmediatePropagation();
      close(same);
    }
  }, { capture: true });

  /** A link to a part of this page ("More help"): the frame does not scroll, so the host is asked to. */
  function jump(event, hash) {
    let target = null;
    try {
      target = hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return; // not a name any part of this page has
    }
    if (!target) return;
    const box = target.getBoundingClientRect();
    if (!show(box.top + scrollY, box.bottom + scrollY)) return; // not in a frame: the browser does it
    event.preventDefault();
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.hasAttribute('download') || link.target) return;
    const url = new URL(link.href, location.href);
    if (!/^https?:$/.test(url.protocol)) return;
    if (url.origin === location.origin && url.pathname === location.pathname) {
      jump(event, url.hash);
      return;
    }
    if (!isListing(url)) {
      link.target = '_blank'; // another page of this site, or another site: never inside the frame
    } else if (openTop) {
      link.target = '_top';
    } else {
      event.preventDefault();
      open(url.href, true);
    }
  });

  if (history.state && history.state.pillarListing) open(history.state.pillarListing, false); // frame reloaded
}
