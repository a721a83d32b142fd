// The form ⇄ the address bar. Defaults are left out; other kinds' controls are disabled, so they don't count.

const KINDS = ['meeting', 'service', 'online'];
const EMBEDDING = ['lock', 'accent', 'bg', 'fg', 'link', 'open']; // the embed page's own settings
const DEFAULT_KIND = KINDS[0];

/** Shows fieldset.filters[data-kind~=kind], hides and disables the others. */
export function showKind(form, kind) {
  for (const fieldset of form.querySelectorAll('fieldset.filters[data-kind]')) {
    const shown = fieldset.dataset.kind.split(/\s+/).includes(kind);
    fieldset.hidden = !shown;
    fieldset.disabled = !shown;
  }
}

export function kindOf(form) {
  const checked = form.querySelector('input[name="kind"]:checked');
  return checked && KINDS.includes(checked.value) ? checked.value : DEFAULT_KIND;
}

/** The form as a query string; `nearMe` gives "near=me", never the position itself. */
export function readForm(form, { nearMe = false, map = false } = {}) {
  const params = new URLSearchParams();
  for (const [name, raw] of new FormData(form)) {
    const value = name === 'near' && nearMe ? 'me' : String(raw).trim();
    if (!value || (name === 'kind' && value === DEFAULT_KIND)) continue;
    params.append(name, value);
  }
  if (map) params.set('map', '1');
  return params;
}

/** Sets every control from a query string (missing: the default). */
export function writeForm(form, params) {
  const kind = KINDS.includes(params.get('kind')) ? params.get('kind') : DEFAULT_KIND;
  showKind(form, kind);
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'radio') {
      el.checked = el.value === kind;
    } else if (el.type === 'checkbox') {
      el.checked = params.getAll(el.name).includes(el.value);
    } else {
      const value = params.get(el.name) || '';
      el.value = el.name === 'near' && value === 'me' ? '' : value;
      if (el.tagName === 'SELECT' && el.selectedIndex < 0) el.value = '';
    }
  }
}

/** What "Clear all" keeps: on an embedded finder, its settings and the filters it locks. */
export function keptOnClear(params) {
  const locked = new Set([...(params.get('lock') || '').split(','), ...EMBEDDING]);
  return new URLSearchParams([...params].filter(([name]) => locked.has(name)));
}
