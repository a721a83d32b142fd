// The finder inside another site's frame: hide the controls the host locked, take the host's
// colours, and tell the host page how tall the content is so the frame can fit it.
// The height is the only thing ever sent, and it says nothing about the visitor.

const params = new URLSearchParams(location.search);
const COLOUR = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;
const COLOURS = { accent: '--accent', bg: '--bg', fg: '--fg', link: '--link' };

for (const [name, variable] of Object.entries(COLOURS)) {
  const value = params.get(name) || '';
  if (COLOUR.test(value)) {
    document.documentElement.style.setProperty(variable, value.startsWith('#') ? value : `#${value}`);
  }
}

const form = document.getElementById('finder-form');
for (const name of (params.get('lock') || '').split(',').filter(Boolean)) {
  for (const control of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
    if (control.type === 'hidden') continue;
    const wrapper = control.closest('.field, fieldset.checks, fieldset.kinds, .check') || control;
    wrapper.hidden = true;
    wrapper.dataset.locked = '';
  }
}

if (window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'pillar:height', height }, '*');
    }
  };
  new ResizeObserver(report).observe(document.body);
  addEventListener('load', report);
}
