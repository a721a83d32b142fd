// The printed list's "Print this list" button. Without scripts the page says to use the browser's
// Print command instead; with them, the button is shown and opens the browser's print dialog.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
for (const hint of document.querySelectorAll('[data-print-hint]')) {
  hint.hidden = true;
}
