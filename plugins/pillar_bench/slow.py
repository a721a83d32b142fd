"""The first results after "Near me" on a slow phone: 400 kbit/s each way, 400 ms added to every
round trip and a CPU four times slower, as Chromium's DevTools protocol emulates them.

Each run opens the home page in a fresh browser context (nothing cached), with the visitor's position
already shared (a place near the directory's listings). A script in the page clicks "Near me"
(``#f-near-me``) as soon as it is shown and enabled, and notes when the first row of
``#finder-results`` shows a distance. Both times count from the start of the navigation
(``performance.timeOrigin``), just before the page is asked for. The site is served gzipped, as static
hosts serve text files.

    python -m pillar_bench.slow OUTPUT_FOLDER [--runs N]

prints the figures for any built site (the sample's ``output/``, say).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from pillar_bench.visitor import serving

NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
"""Network.emulateNetworkConditions: milliseconds added to each round trip, bytes a second."""
CPU_SLOWDOWN = 4
TARGET_S = 2.0
"""Issue 15's target for the first results after Near me, from the request for the page."""
RUNS = 5
WAIT_S = 30
"""How long a visit may take before the finder is taken for broken."""


class NoResults(RuntimeError):
    """The finder showed no result with a distance."""


WATCH = """(() => {
  const seen = window.__pillarSlow = { ready: null, shown: null };
  const visible = (el) => (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
  const hasDistance = (li) => ((li.querySelector('.distance') || {}).textContent || '').trim() !== '';
  const check = () => {
    const button = document.getElementById('f-near-me');
    if (seen.ready === null && button && !button.disabled && visible(button)) {
      seen.ready = performance.now();
      button.click();
    }
    if (seen.ready !== null && seen.shown === null
        && [...document.querySelectorAll('#finder-results li')].some(hasDistance)) {
      seen.shown = performance.now();
      watcher.disconnect();
    }
  };
  const watcher = new MutationObserver(check);
  watcher.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();"""
"""Runs in the page before its own scripts: clicks Near me once it can be clicked, and notes when the
first row with a distance is in the list (ms since the navigation started)."""


def densest_place(output: Path) -> tuple[float, float]:
    """Where the benchmark's visitor stands: the town of the site's gazetteer with the most listings
    (a place within another, such as a city in a state, rather than the middle of a country)."""
    places = json.loads((output / "search" / "places.json").read_text(encoding="utf-8")).get("places", [])
    best = max(places, key=lambda place: (bool(place.get("within")), place.get("listings", 0)))
    return best["lat"], best["lon"]


def _run(browser, url: str, position: tuple[float, float]) -> dict:
    context = browser.new_context(service_workers="block", permissions=["geolocation"],
                                  geolocation={"latitude": position[0], "longitude": position[1]})
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(WATCH)
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function("window.__pillarSlow && window.__pillarSlow.shown !== null",
                                   polling=250, timeout=WAIT_S * 1000)
        except PlaywrightError as error:
            raise NoResults(f"no result with a distance within {WAIT_S} s of asking for {url}"
                            + "".join(f"; {message}" for message in errors)) from error
        seen = page.evaluate("window.__pillarSlow")
        return {"ready_s": seen["ready"] / 1000, "shown_s": seen["shown"] / 1000, "requests": requests}
    finally:
        context.close()


def measure_runs(browser, base: str, output: Path, runs: int = RUNS) -> dict:
    """The figures for the home page served at ``base`` (its files in ``output``), over ``runs`` visits."""
    position = densest_place(output)
    found = [_run(browser, f"{base}/", position) for _ in range(runs)]
    shown = [run["shown_s"] for run in found]
    last = found[-1]["requests"]
    return {
        "slow_first_results_s": round(statistics.median(shown), 2),
        "slow_first_results_s_max": round(max(shown), 2),
        "slow_near_me_ready_s": round(statistics.median(run["ready_s"] for run in found), 2),
        "slow_requests": len(last),
        "slow_requests_repeated": len(last) - len(set(last)),
    }


def measure(output: Path, runs: int = RUNS) -> dict:
    """Serves ``output`` gzipped and measures it in Chromium (``CHROMIUM``, else /usr/bin/chromium)."""

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with serving(output, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            return measure_runs(browser, base, output, runs)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pillar_bench.slow", description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="a built site's folder")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"visits to measure (default: {RUNS})")
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file() or args.runs < 1:
        print("python -m pillar_bench.slow: give a built site's folder and at least one run", file=sys.stderr)
        return 2
    result = measure(args.output, args.runs)
    result["slow_target_s"] = TARGET_S
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
