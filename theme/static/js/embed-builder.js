// The "show the finder on your site" page: the choices → the two lines to copy, and a preview.
import { t } from './i18n.js';

const form = document.getElementById('embed-form');
const snippet = document.getElementById('embed-snippet');
const preview = document.getElementById('embed-preview');
const copied = document.getElementById('embed-copied');
const DEFAULT_ACCENT = '#0b6b4f';

const quote = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function choices() {
  const data = new FormData(form);
  const chosen = new Map();
  for (const name of ['kind', 'region', 'fellowship', 'lang']) {
    const value = String(data.get(name) || '');
    if (value && !(name === 'lang' && value === form.elements.lang.options[0].value)) chosen.set(name, value);
  }
  const locks = data.getAll('lock').filter((name) => chosen.has(name) || name === 'kind');
  if (locks.length) chosen.set('lock', locks.join(','));
  const accent = String(data.get('accent') || '');
  if (accent && accent.toLowerCase() !== DEFAULT_ACCENT) chosen.set('accent', accent);
  return chosen;
}

function render() {
  const chosen = choices();
  const attributes = [...chosen].map(([name, value]) => ` data-${name}="${quote(value)}"`).join('');
  const script = new URL(form.dataset.script, location.href).href;
  snippet.value = `<div data-pillar-embed${attributes}></div>\n<script src="${script}" async></script>`;
  const params = new URLSearchParams([...chosen].filter(([name]) => name !== 'lang'));
  const lang = chosen.get('lang');
  const base = lang ? form.dataset.embed.replace(/\/embed\/$/, `/${lang}/embed/`) : form.dataset.embed;
  preview.src = `${base}${params.toString() ? `?${params}` : ''}`;
}

form.addEventListener('change', render);
document.getElementById('embed-copy').addEventListener('click', async () => {
  snippet.select();
  try {
    await navigator.clipboard.writeText(snippet.value);
    copied.textContent = t('Copied.');
  } catch {
    copied.textContent = t('Select the text and copy it.');
  }
});
render();
