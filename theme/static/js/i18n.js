// Translations for the theme's scripts. The page carries its language's messages as JSON in
// <script id="pillar-messages"> (built from the same catalogs as the templates); English pages carry
// none, and a message without a translation shows in English, never blank.
// t("Near %(place)s", {place}) and tn("%(count)s meeting", "%(count)s meetings", n, {count: n}).

let messages = null;

function catalog() {
  if (messages === null) {
    const element = document.getElementById('pillar-messages');
    try {
      messages = element ? JSON.parse(element.textContent) : {};
    } catch {
      messages = {};
    }
  }
  return messages;
}

const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? String(values[name]) : whole));

/** The message in the page's language, with %(name)s filled from `values`. */
export function t(message, values = {}) {
  const translated = catalog()[message];
  return fill(typeof translated === 'string' && translated ? translated : message, values);
}

/** Singular or plural (English and Spanish both say "one" for 1 and the plural otherwise). */
export function tn(singular, plural, count, values = {}) {
  const forms = catalog()[singular];
  const index = count === 1 ? 0 : 1;
  const chosen = Array.isArray(forms) && forms[index] ? forms[index] : index === 0 ? singular : plural;
  return fill(chosen, { count, ...values });
}

/** The page's language, for Intl (dates, times, lists, numbers). */
export const language = () => document.documentElement.lang || 'en';
