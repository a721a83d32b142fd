// The finder inside another site's frame: hide the controls the host locked, take the host's
// colours, open results in the frame's own layout (or, with open=top, in the whole window), and
// tell the host page how tall the content is so the frame fits it, shrinking as well as growing.
// Only sizes and positions are ever sent to the host: nothing about the visitor or what they look at.
import { showListings } from './embed-listing.js';

const params = new URLSearchParams(location.search); // the host's settings, kept in the address by finder.js
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

const framed = window.parent !== window;
let last = 0;

/** The content's height: the root element's box, which (unlike scrollHeight) is never stretched
 *  to the frame's own height, so the frame can shrink again. */
function report() {
  if (!framed) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last) return;
  last = height;
  window.parent.postMessage({ type: 'pillar:height', height, title: document.title }, '*');
}

/** Asks the host to scroll so that the frame's part from `top` to `bottom` (px) is in view;
 *  false when there is no host (the page is not in a frame). */
function show(top, bottom = top) {
  if (!framed) return false;
  report(); // the host must know the new height first, or it may not be able to scroll there
  window.parent.postMessage({ type: 'pillar:show', top: Math.round(top), bottom: Math.round(bottom) }, '*');
  return true;
}

if (framed) {
  document.documentElement.classList.add('framed');
  new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
}

showListings({ openTop: params.get('open') === 'top', show });
