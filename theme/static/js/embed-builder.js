// The "show the finder on your site" page: the choices → the two lines to copy, and a preview made
// by those same lines: a [data-pillar-embed] element that the page's own /embed.js turns into a frame.
import { t } from './i18n.js';

const form = document.getElementById('embed-form');
const snippet = document.getElementById('embed-snippet');
const preview = document.getElementById('embed-preview');
const copied = document.getElementById('embed-copied');
const copy = document.getElementById('embed-copy');
const DEFAULT_ACCENT = '#0b6b4f';
const SIZES_ITSELF = CSS.supports('field-sizing', 'content');

const quote = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The chosen settings, as data-* names and values, in the order they are written. */
function choices() {
  const data = new FormData(form);
  const chosen = new Map();
  for (const name of ['kind', 'region', 'fellowship', 'lang']) {
    const value = String(data.get(name) || '');
    if (value && !(name === 'lang' && value === form.elements.lang.options[0].value)) chosen.set(name, value);
  }
  const locks = data.getAll('lock').filter((name) => chosen.has(name) || name === 'kind');
  if (locks.length) chosen.set('lock', locks.join(','));
  if (data.get('open') === 'top') chosen.set('open', 'top');
  const accent = String(data.get('accent') || '');
  if (accent && accent.toLowerCase() !== DEFAULT_ACCENT) chosen.set('accent', accent);
  return chosen;
}

/** The code box as tall as its text, so no line is ever cut (browsers without field-sizing). */
function fit() {
  if (SIZES_ITSELF) return;
  snippet.style.height = 'auto';
  const style = getComputedStyle(snippet);
  const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
  snippet.style.height = `${snippet.scrollHeight + borders}px`;
}

let previewed = null; // the attributes the preview was made with

/** Writes the code; and, unless `quick` (a colour being dragged), remakes the preview from it. */
function render(quick = false) {
  const chosen = choices();
  const attributes = [...chosen].map(([name, value]) => ` data-${name}="${quote(value)}"`).join('');
  const script = new URL(form.dataset.script, location.href).href;
  snippet.value = `<div data-pillar-embed${attributes}></div>\n<script src="${script}" async></script>`;
  fit();
  copied.textContent = '';
  if (quick === true || attributes === previewed) return;
  previewed = attributes;
  // A new element each time: /embed.js makes a frame for every [data-pillar-embed] added to the page.
  const element = document.createElement('div');
  element.setAttribute('data-pillar-embed', '');
  for (const [name, value] of chosen) element.setAttribute(`data-${name}`, value);
  element.setAttribute('data-title', t('Preview of the finder'));
  preview.replaceChildren(element);
}

async function copyCode() {
  try {
    await navigator.clipboard.writeText(snippet.value);
    copied.textContent = t('Copied. Paste it into your page where the finder should go.');
  } catch {
    snippet.focus();
    snippet.select();
    copied.textContent = t('Your browser did not let this page copy. The code is selected: copy it with Ctrl+C (⌘C on a Mac), or your phone’s Copy.');
  }
}

form.addEventListener('change', () => render());
form.addEventListener('input', (event) => { if (event.target.type === 'color') render(true); });
copy.addEventListener('click', copyCode);
copy.hidden = false;
const width = document.getElementById('embed-width');
width.addEventListener('change', (event) => preview.classList.toggle('phone', event.target.value === 'phone'));
width.hidden = false;
addEventListener('resize', fit);
render();
