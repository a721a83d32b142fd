// Loading the finder's files: JSON data, and third-party scripts and styles only when needed.
// Every URL comes from the page (data-* on #finder); nothing here names a path.

const pending = new Map();

/** Adds `el` (made by `make`) once per URL; resolves when it has loaded. A failure may be retried. */
function inject(url, make) {
  if (!pending.has(url)) {
    pending.set(url, new Promise((resolve, reject) => {
      const el = make();
      el.onload = resolve;
      el.onerror = () => { el.remove(); pending.delete(url); reject(new Error(url)); };
    }));
  }
  return pending.get(url);
}

/** Runs a classic (UMD) script. */
export const loadScript = (src) => inject(src, () => document.head.appendChild(
  Object.assign(document.createElement('script'), { src })));

/** Adds a stylesheet before the site's own, so the site's rules win. */
export const loadCss = (href) => inject(href, () => document.head.insertBefore(
  Object.assign(document.createElement('link'), { rel: 'stylesheet', href }),
  document.head.querySelector('link[rel="stylesheet"]')));

export async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}
