// What the finder offers beside its results: the known places closest to a text that matched none,
// and the meetings a radius left out because they have no map location yet.

import { tn } from './i18n.js';

/** Buttons in `box`'s list for `labels`, the known places closest to a text that matched none (none:
 *  `box` hidden); `choose(label)` when one is pressed. */
export function offerPlaces(box, labels, choose) {
  const items = labels.map((label) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = label;
    button.addEventListener('click', () => choose(button.textContent));
    li.append(button);
    return li;
  });
  box.querySelector('ul').replaceChildren(...items);
  box.hidden = !items.length;
}

/** "2 meetings have no map location yet — show them" in `bar` (none: hidden); `show()` when pressed,
 *  and the bar hides. */
export function offerUnplaced(bar, count, show) {
  const button = bar.querySelector('button');
  button.textContent = tn('%(count)s meeting has no map location yet — show it',
    '%(count)s meetings have no map location yet — show them', count);
  bar.hidden = !count;
  button.onclick = () => {
    bar.hidden = true;
    show();
  };
}
