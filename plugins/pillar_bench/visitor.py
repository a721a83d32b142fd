"""What a visitor downloads and waits for, measured in headless Chromium (Playwright) against the
built site served on 127.0.0.1.

For a fixed set of places — dense cities, sparse ones, both sides of the antimeridian, the far
north and south — the finder is opened at ``/?near=<lat>,<lon>``; every response is counted at its
gzipped size (as a static host would send it). A full-text query adds ``&q=``. The time to the
first results is measured with the CPU slowed down four times, from the page's load event; and on a
slow network too, from the request for the page, after "Near me" (see :mod:`pillar_bench.slow`).
Files are served gzipped, as static hosts serve them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACES = (
    ("New York", 40.73, -73.99), ("Los Angeles", 34.06, -118.25), ("London", 51.50, -0.12),
    ("Tokyo", 35.69, 139.70), ("São Paulo", -23.56, -46.64), ("Lagos", 6.52, 3.38),
    ("Sydney", -33.87, 151.21), ("Anchorage", 61.2, -149.9), ("Anadyr", 64.73, 177.5),
    ("Apia", -13.83, -171.76), ("Longyearbyen", 78.2, 15.6), ("Ushuaia", -54.8, -68.3),
)
"""Where the benchmark's visitors are (near real cities of the synthetic directory)."""
QUERY = "serenity"
THROTTLE = 4
FIRST_RESULT = """() => new Promise((done) => {
  const list = document.getElementById('finder-results');
  const ready = () => list && list.querySelector('li') && !list.hasAttribute('aria-busy');
  const check = () => (ready() ? done(performance.now()) : requestAnimationFrame(check));
  check();
})"""


COMPRESSED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".ics", ".txt")
"""What static hosts send gzipped (to a browser that says it accepts gzip)."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class _Gzipped(_Quiet):
    """Sends text files gzipped, and keeps connections open between requests (HTTP/1.1), as static
    hosts do; everything else as :class:`_Quiet` does."""

    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = self.translate_path(self.path)
        if self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSED) and os.path.isfile(path)):
            return super().send_head()
        body = _gzip_file(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=256)
def _gzip_file(path: str, stamp: int) -> bytes:  # noqa: ARG001 - the stamp keys the cache
    with open(path, "rb") as file:
        return gzip.compress(file.read(), 6)


class _Server(ThreadingHTTPServer):
    """The loopback server, quiet when a browser hangs up mid-answer (as it does when a page is closed
    or a worker replaced): anything else that goes wrong is still printed."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(folder: Path, compress: bool = False):
    """Serves ``folder`` over HTTP on 127.0.0.1; yields its base URL (no trailing slash). ``compress``:
    text files go gzipped to browsers that accept it, as a static host sends them."""
    handler = _Gzipped if compress else _Quiet
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="pillar-site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _visit(browser, url: str, throttle: int = 1) -> tuple[int, float]:
    """(bytes downloaded gzipped, ms from the load event to the first results) for one page view."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(gzip.compress(response.body(), 6)))
            if response.ok else None)
    if throttle > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url, wait_until="load")
    shown = page.evaluate(FIRST_RESULT)
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes), max(0.0, shown - loaded)


def measure(output: Path, places: tuple = PLACES, runs: int | None = None) -> dict:
    """The figures for the built site in ``output``: every visit of :data:`PLACES` (or ``places``), and
    the slow network's ``runs`` visits (:data:`pillar_bench.slow.RUNS` unless given). The tests ask
    for fewer places and runs; ``pillar bench`` measures them all."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    from pillar_bench import slow

    with serving(output, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        near = [f"{base}/?near={lat}%2C{lon}" for _, lat, lon in places]
        location = [_visit(browser, url) for url in near]
        text = [_visit(browser, f"{url}&q={QUERY}") for url in near]
        cpu = [_visit(browser, url, THROTTLE)[1] for url in near]
        try:
            network = slow.measure_runs(browser, base, output, slow.RUNS if runs is None else runs)
        except slow.NoResults as error:
            network = {"slow_first_results_s": None, "slow_error": str(error)}
        browser.close()
    return {
        "location_query_bytes_gz": round(statistics.mean(size for size, _ in location)),
        "location_query_bytes_gz_max": max(size for size, _ in location),
        "text_query_bytes_gz": round(statistics.mean(size for size, _ in text)),
        "text_query_bytes_gz_max": max(size for size, _ in text),
        "first_results_ms_4x_slower_cpu": round(statistics.median(cpu)),
        "first_results_ms_4x_slower_cpu_max": round(max(cpu)),
        **network,
    }
