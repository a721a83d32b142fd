// The visitor's language: on a first visit to a page in the site's default language, follow the
// browser's preferred languages to a translation; once the visitor picks a language with the
// switch, remember that choice on this device only (localStorage, never sent anywhere).
const KEY = "pillar-language";
const switches = [...document.querySelectorAll("[data-language-switch]")];

function remembered() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage may be blocked; then we simply don't remember
  }
}

for (const link of switches) {
  link.addEventListener("click", () => {
    try {
      localStorage.setItem(KEY, link.dataset.languageSwitch);
    } catch {
      // nothing to do: the link itself still works
    }
  });
}

const here = document.documentElement.lang;
const isDefault = document.documentElement.dataset.defaultLanguage === here;
const offered = new Map(switches.map((link) => [link.dataset.languageSwitch, link.href]));
const chosen = remembered();
const wanted = chosen
  ? [chosen]
  : isDefault ? (navigator.languages || [navigator.language]).map((tag) => tag.toLowerCase().split("-")[0]) : [];
for (const code of wanted) {
  if (code === here) break;
  if (offered.has(code)) {
    const target = new URL(offered.get(code));
    target.search = location.search;
    target.hash = location.hash;
    location.replace(target);
    break;
  }
}
