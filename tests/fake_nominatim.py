"""A real HTTP server on 127.0.0.1 that speaks Nominatim's /search JSON API from fixture data.

Tests point geopy's own Nominatim class at it through DIRECTORY_GEOCODER. Some queries misbehave
on purpose, by their first word: ``slow`` answers after two seconds, ``busy`` answers 429 with
``Retry-After: 1`` the first time, ``broken`` answers 500 (``broken-json``: unreadable JSON). A test
can also script the exact reply to a query: ``scripted[query] = (status, body bytes, headers)``.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def place(lat, lon, name, rank=30, kind="house", country="us"):
    return {"lat": str(lat), "lon": str(lon), "display_name": name, "place_rank": rank, "addresstype": kind,
            "address": {"country_code": country}}


PLACES = {
    "1 sample st, austin, tx 78701, us": place(30.2671, -97.7431, "1, Sample Street, Austin, Texas, 78701, United States"),
    "2 sample st, austin, tx": place(30.2681, -97.7421, "2, Sample Street, Austin, Texas, United States"),
    "somewhere, austin, tx": place(30.2672, -97.7431, "Austin, Travis County, Texas, United States", 16, "city"),
    "1 sample st, paris": place(48.8566, 2.3522, "Paris, Île-de-France, France", 16, "city", "fr"),
    "9 sample rd, denver, co": place(39.7392, -104.9903, "9, Sample Road, Denver, Colorado, United States"),
}


class FakeNominatim:
    def __init__(self, places=None):
        self.places = dict(PLACES if places is None else places)
        self.requests: list[str] = []
        self.seen: Counter = Counter()
        self.scripted: dict[str, tuple[int, bytes, dict]] = {}
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def settings(self, **extra) -> dict:
        return {"service": "nominatim", "domain": self.domain, "scheme": "http", "user_agent": "pillar-tests",
                "timeout": 1, "min_delay_seconds": 0, "retry_wait_seconds": 0.01, **extra}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def handle(self, request):
        url = urlsplit(request.path)
        query = parse_qs(url.query).get("q", [""])[0]
        with self.lock:
            self.requests.append(query)
            self.seen[query] += 1
            times = self.seen[query]
        first = query.split(" ", 1)[0]
        if url.path != "/search":
            return self.reply(request, 404, b"[]")
        if query in self.scripted:
            return self.reply(request, *self.scripted[query])
        if first == "slow":
            time.sleep(2)
        if first == "busy" and times == 1:
            return self.reply(request, 429, b"slow down", {"Retry-After": "1"})
        if first == "broken":
            return self.reply(request, 500, b"internal error")
        if first == "broken-json":
            return self.reply(request, 200, b'[{"lat": "30.1", ')
        found = self.places.get(query.removeprefix("busy ").removeprefix("slow ").lower())
        self.reply(request, 200, json.dumps([found] if found else []).encode())

    @staticmethod
    def reply(request, status, body, headers=None):
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            for key, value in (headers or {}).items():
                request.send_header(key, value)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
